import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { StartupError } from './connect.ts';
import { createLogger } from './logger.ts';
import { ROLES, startEarshot, type Role } from './start-earshot.ts';

const USAGE = `Usage:
  earshot start [--role web|worker|collectors]...   run every role (default) or only the named ones
  earshot classify < in.jsonl > out.jsonl           classify {"text": ...} lines
  earshot migrate                                    bring the database schema up to date
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return start(rest);
    case 'migrate':
      return migrate();
    case 'classify':
      return classify();
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`Unknown command "${command}".\n${USAGE}`);
      return 2;
  }
}

async function start(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { role: { type: 'string', multiple: true } }, strict: true });
  const roles = (values.role ?? [...ROLES]) as Role[];
  const unknown = roles.filter((r) => !ROLES.includes(r));
  if (unknown.length > 0) throw new ConfigError(`Unknown role ${unknown.join(', ')}: use ${ROLES.join(', ')}.`);
  const config = loadConfig();
  const secrets = [config.EARSHOT_SECRET, config.EARSHOT_ADMIN_PASSWORD].filter((s): s is string => !!s);
  const logger = createLogger({ level: config.LOG_LEVEL, secrets });
  const earshot = await startEarshot(config, {
    roles,
    logger,
    onAdminCreated: (email, generated) => {
      if (generated) {
        process.stdout.write(`Created the admin account ${email} with password ${generated}\n(shown once: set EARSHOT_ADMIN_PASSWORD to choose your own on a fresh database)\n`);
      } else {
        process.stdout.write(`Created the admin account ${email} with the password from EARSHOT_ADMIN_PASSWORD.\n`);
      }
    },
  });
  process.stdout.write(earshot.url ? `Earshot is running at ${earshot.url} (roles: ${roles.join(', ')})\n` : `Earshot is running (roles: ${roles.join(', ')})\n`);
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      logger.info(`${signal} received: finishing current jobs and stopping`);
      resolve();
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  await earshot.stop();
  return 0;
}

async function migrate(): Promise<number> {
  const config = loadConfig();
  const { connectPostgres } = await import('./connect.ts');
  const { migrateToLatest } = await import('@earshot/db');
  const db = await connectPostgres(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    process.stdout.write('The database schema is up to date.\n');
    return 0;
  } finally {
    await db.destroy();
  }
}

async function classify(): Promise<number> {
  process.stderr.write('classify is not available yet.\n');
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof StartupError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`Earshot stopped on an unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = 1;
  },
);
