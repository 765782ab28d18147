// Fails `npm test` on any high or critical advisory in the production dependency tree.
// The registry's advisory service is not always reachable (these machines reach the registry
// but its audit endpoint may refuse): then it says so and does not fail the run.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--json', '--omit=dev'], { encoding: 'utf8', timeout: 60_000 });
let report;
try {
  report = JSON.parse(run.stdout || '{}');
} catch {
  report = {};
}
const counts = report.metadata?.vulnerabilities;
if (!counts) {
  const why = report.statusCode ? `HTTP ${report.statusCode}` : run.error ? run.error.message : report.error?.code || 'no answer';
  console.log(`dependency audit: not checked, the npm advisory service did not answer (${why}); run \`npm audit\` where it does.`);
  process.exit(0);
}
const serious = Object.values(report.vulnerabilities ?? {}).filter((v) => v.severity === 'high' || v.severity === 'critical');
console.log(
  `dependency audit: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low (production dependencies).`,
);
if (serious.length > 0) {
  for (const v of serious) console.log(`  ${v.severity}: ${v.name} (${[v.range].flat().join(', ')}) via ${[v.via].flat().map((x) => (typeof x === 'string' ? x : x.title)).join('; ')}`);
  console.log('Fix: update the package, or add an override in package.json (see README, "Dependencies"), then run npm install.');
  process.exit(1);
}
