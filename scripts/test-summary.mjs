// Adds up the vitest JSON reports that `npm test` left in each workspace and prints one
// closing line, so a reader (or CI) sees the total without scrolling through turbo's logs.
import { existsSync, readFileSync } from 'node:fs';

const workspaces = ['policy', 'db', 'worker', 'collectors', 'web', 'app', 'tests'];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const ws of workspaces) {
  const file = `${ws}/.vitest-report.json`;
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
