// One Earshot process for the ingest and freshness benchmarks: the roles named on the command
// line, started as `earshot start` does, with the firehose fake as the only platform.
//
//   node --import tsx role-process.ts <firehose url> <role>[,<role>…]
// Configuration comes from the environment as for `earshot start` (DATABASE_URL, …).
import { createLogger, loadConfig, startEarshot, type Role } from 'earshot';
import { createFirehoseAdapter } from '../../fakes/firehose/firehose-adapter.ts';

const [firehoseUrl, roleList] = process.argv.slice(2);
if (!firehoseUrl || !roleList) throw new Error('usage: role-process.ts <firehose url> <roles>');
const config = loadConfig(process.env, { dotenv: false });
const logger = createLogger({ level: config.LOG_LEVEL, secrets: [] });
const earshot = await startEarshot(config, {
  roles: roleList.split(',') as Role[],
  logger,
  adapters: () => [createFirehoseAdapter({ url: firehoseUrl })],
  applicationName: 'earshot-bench',
  timings: { syncIntervalMs: 2_000 },
});
process.stdout.write(`ready ${earshot.url ?? ''}\n`);
let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void earshot.stop().finally(() => process.exit(0));
});
