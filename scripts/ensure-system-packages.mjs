// `npm test` needs two Debian packages beside Node: chromium (the browser tests drive it; a
// downloaded browser is never used) and poppler-utils (pdftotext/pdftoppm read the reports'
// PDFs). When one is missing and this user may install packages, install it; otherwise stop
// with the one command to run.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const needed = [
  { pkg: 'chromium', file: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  { pkg: 'poppler-utils', file: '/usr/bin/pdftotext' },
].filter((n) => !existsSync(n.file));

if (needed.length > 0) {
  const pkgs = needed.map((n) => n.pkg);
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(`npm test needs Debian's ${pkgs.join(' and ')}: run \`sudo apt-get install -y ${pkgs.join(' ')}\` and then npm test again.`);
    process.exit(1);
  }
  console.log(`Installing Debian's ${pkgs.join(' and ')} for the browser and report tests`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: ['ignore', 'ignore', 'inherit'], env }) : update;
  if (install.status !== 0) {
    console.error(`Could not install ${pkgs.join(' and ')} (apt-get exited ${install.status}). Run \`apt-get install -y ${pkgs.join(' ')}\` by hand, then npm test again.`);
    process.exit(1);
  }
}
