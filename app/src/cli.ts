import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { z } from 'zod';
import { ALL_BRANDS, AppError, CredentialBox, deleteConnection, insertAuditEntry, listBrands, migrateToLatest, upsertConnection } from '@earshot/db';
import { connectPostgres, StartupError } from './connect.ts';
import { platformRulesFrom } from './platform-rules.ts';
import { createLogger } from './logger.ts';
import { pruneCommand } from './prune-command.ts';
import { rollupsCommand } from './rollups-command.ts';
import { usersCommand } from './users-command.ts';
import { platformDefinitions, ROLES, startEarshot, type Role } from './start-earshot.ts';

const USAGE = `Usage:
  earshot start [--role web|worker|collectors]...   run every role (default) or only the named ones
  earshot classify < in.jsonl > out.jsonl           classify {"text": ...} lines
  earshot migrate                                    bring the database schema up to date
  earshot connect <platform> < credentials.json      store a platform's credentials (sealed with EARSHOT_SECRET)
  earshot disconnect <platform>                      forget a platform's credentials
  earshot export-corrections [--brand <id>] > c.jsonl agents' sentiment corrections, for
                                                     npm run train -w @earshot/worker -- --extra c.jsonl
  earshot detect-spikes [--rule <json>] < series.csv > judged.csv   (timestamp,value[,total])
                                                     judge a timestamp,value count series as live
                                                     spike detection would (adds anomaly_score, alert)
  earshot retrain [--brand <name or id>]... [--force]
                                                     train brands' own sentiment models on their
                                                     corrections now (workers also do it on their own)
  earshot report --brand <name or id> (--week 2026-W47 | --from YYYY-MM-DD --to YYYY-MM-DD)
                 --format pdf|csv|json|mentions-csv [--out FILE] [--fresh] [--as-of INSTANT]
                                                     a brand's sentiment report (csv: its tables;
                                                     mentions-csv: every mention of the period);
                                                     a finished period's stored report is reused
                                                     unless --fresh; replies counted up to now
                                                     or --as-of
  earshot rollups rebuild [--brand <name or id>]... [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                                                     recount mention rollups from mentions (UTC days,
                                                     --to inclusive; default: everything)
  earshot prune --before YYYY-MM-DD [--dry-run] [--out FILE] [--batch N]
                                                     archive mentions posted before a UTC day (with
                                                     replies, corrections) to a gzip JSON-lines file,
                                                     then delete them in batches; rollups stay
  earshot users add --email <email> --name <name> [--role viewer|agent|manager|admin] [--brands <brand,brand>] [--password-stdin]
                                                     create a user (role agent unless given); without
                                                     --password-stdin a password is generated and printed once
  earshot users list                                 every user, role, status and brands
  earshot users brands <email> <brand,brand>|--all   limit a user to some brands (names or ids), or lift it
  earshot users disable <email>                      end their sessions now and refuse sign-in (enable: undo)
  earshot users role <email> <role>                  change a role (the last active admin stays one)
  earshot users set-password <email> [--password-stdin]
                                                     replace a password (generated unless piped); sessions end
  earshot users reset-2fa <email>                    turn off two-factor sign-in (a lost phone)
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
    case 'connect':
      return connect(rest[0]);
    case 'disconnect':
      return disconnect(rest[0]);
    case 'export-corrections':
      return exportCorrections(rest);
    case 'retrain':
      return retrain(rest);
    case 'detect-spikes':
      return detectSpikes(rest);
    case 'report':
      return report(rest);
    case 'rollups':
      return rollupsCommand(rest);
    case 'prune':
      return pruneCommand(rest);
    case 'users':
      return usersCommand(rest);
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
  const secrets = [config.EARSHOT_SECRET, config.EARSHOT_ADMIN_PASSWORD, smtpPassword(config.EARSHOT_SMTP_URL)].filter((s): s is string => !!s);
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
  const db = await connectPostgres(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    process.stdout.write('The database schema is up to date.\n');
    return 0;
  } finally {
    await db.destroy();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads `{"field": "value", …}` from stdin so credentials never appear in the shell history. */
async function connect(platform: string | undefined): Promise<number> {
  const config = loadConfig();
  const rules = platformRulesFrom(platformDefinitions(config));
  if (!platform) throw new ConfigError(`Name the platform: earshot connect <${rules.list().filter((p) => p.needsCredentials).map((p) => p.platform).join('|')}> < credentials.json`);
  if (!config.EARSHOT_SECRET) throw new ConfigError('EARSHOT_SECRET is not set: credentials are stored encrypted with it. Set it (at least 32 characters) first.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readStdin());
  } catch {
    throw new ConfigError('Standard input is not JSON: pipe an object such as {"clientId": "…", "clientSecret": "…"}.');
  }
  const record = z.record(z.string(), z.string()).safeParse(parsed);
  if (!record.success) throw new ConfigError('Credentials must be a JSON object of strings.');
  const checked = rules.validateCredentials(platform, record.data);
  if (!checked.ok) throw new ConfigError(checked.message);
  const db = await connectPostgres(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    await upsertConnection(db, {
      platform,
      sealed: new CredentialBox(config.EARSHOT_SECRET).seal(platform, checked.value),
      fields: Object.keys(checked.value).sort(),
    });
    // Which fields, never their values; "cli" is whoever can run commands on the server.
    await insertAuditEntry(db, { actor: { id: null, label: 'cli' }, action: 'credentials.saved', target: { type: 'platform', id: platform }, details: { platform, fields: Object.keys(checked.value).sort() } });
  } finally {
    await db.destroy();
  }
  process.stdout.write(`Stored ${platform} credentials (${Object.keys(checked.value).sort().join(', ')}). Running collectors pick them up within seconds.\n`);
  return 0;
}

async function disconnect(platform: string | undefined): Promise<number> {
  if (!platform) throw new ConfigError('Name the platform: earshot disconnect <platform>');
  const config = loadConfig();
  const db = await connectPostgres(config.DATABASE_URL);
  try {
    const removed = await deleteConnection(db, platform);
    if (removed) await insertAuditEntry(db, { actor: { id: null, label: 'cli' }, action: 'credentials.removed', target: { type: 'platform', id: platform }, details: { platform } });
    process.stdout.write(removed ? `Forgot the ${platform} credentials.\n` : `No ${platform} credentials were stored.\n`);
    return removed ? 0 : 1;
  } finally {
    await db.destroy();
  }
}

/** Classifies `{"text": …}` lines from stdin; one JSON object per line out, in order. */
async function exportCorrections(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { brand: { type: 'string' } }, strict: true });
  if (values.brand !== undefined && !z.uuid().safeParse(values.brand).success) throw new ConfigError(`--brand must be a brand id (a UUID), not "${values.brand}".`);
  const config = loadConfig();
  const { exportCorrectionsJsonl } = await import('@earshot/worker');
  const db = await connectPostgres(config.DATABASE_URL);
  let lines = 0;
  try {
    await migrateToLatest(db);
    for await (const line of exportCorrectionsJsonl(db, values.brand ? { brandId: values.brand } : {})) {
      process.stdout.write(line);
      lines++;
    }
  } finally {
    await db.destroy();
  }
  process.stderr.write(`Exported ${lines} corrected sentiment labels.\n`);
  return 0;
}

async function retrain(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { brand: { type: 'string', multiple: true }, force: { type: 'boolean' } }, strict: true });
  const config = loadConfig();
  const { getDefaultModel, retrainBrandModel } = await import('@earshot/worker');
  const db = await connectPostgres(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const brands = await listBrands(db, ALL_BRANDS);
    const wanted = values.brand ?? [];
    const unknown = wanted.filter((w) => !brands.some((b) => b.id === w || b.name === w));
    if (unknown.length > 0) {
      throw new ConfigError(`No brand named or with the id ${unknown.map((u) => `"${u}"`).join(', ')}; brands: ${brands.map((b) => b.name).join(', ') || 'none yet'}.`);
    }
    const chosen = wanted.length === 0 ? brands : brands.filter((b) => wanted.includes(b.id) || wanted.includes(b.name));
    const model = getDefaultModel();
    const pct = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x * 100)}%`);
    for (const brand of chosen) {
      const r = await retrainBrandModel(db, brand.id, { model, force: values.force === true });
      if (!r.trained) {
        process.stdout.write(`${brand.name}: up to date (${r.labels} labels learnt); --force retrains anyway.\n`);
        continue;
      }
      const e = r.evaluation;
      const changed = e.changedShare === null ? 'no uncorrected mentions to compare with' : `reads ${pct(e.changedShare)} of recent uncorrected mentions differently`;
      const cv =
        e.scored === 0
          ? 'too few reviewed mentions to measure'
          : `on ${e.scored} reviewed mentions it had not seen, agents agreed with the shared model ${pct(e.baseAgreement)} of the time, with the brand model ${pct(e.brandAgreement)}${e.kept ? '' : ' (so it is not used)'}`;
      process.stdout.write(
        `${brand.name}: learnt ${r.labels} labels and ${r.confirmations} confirmations (${r.rows} feature rows); ${cv}; ${changed}.${r.stored ? '' : ' Not stored: a newer training won.'}\n`,
      );
    }
  } finally {
    await db.destroy();
  }
  return 0;
}

/** Needs no database: the detector runs on the series alone, as it would live on rollups. */
async function detectSpikes(args: string[]): Promise<number> {
  let rule: string | undefined;
  try {
    rule = parseArgs({ args, options: { rule: { type: 'string' } }, strict: true }).values.rule;
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}. Usage: earshot detect-spikes [--rule '{"windowMinutes": 30, "sensitivity": "high"}'] < series.csv > judged.csv`);
  }
  const { runDetectSpikes } = await import('@earshot/worker');
  const result = runDetectSpikes(await readStdin(), rule);
  if (!result.ok) throw new ConfigError(`detect-spikes: ${result.message}`);
  process.stdout.write(result.output);
  return 0;
}

const REPORT_FORMATS = ['pdf', 'csv', 'json', 'mentions-csv'] as const;

/** Writes one brand's report for a week or a date range; bad arguments stop with one line before any connection. */
async function report(args: string[]): Promise<number> {
  let values: { brand?: string; week?: string; from?: string; to?: string; format?: string; out?: string; fresh?: boolean; 'as-of'?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        brand: { type: 'string' },
        week: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        fresh: { type: 'boolean' },
        'as-of': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ConfigError(`${error instanceof Error ? error.message : String(error)}. Usage: earshot report --brand <name or id> (--week 2026-W47 | --from DATE --to DATE) --format pdf|csv|json|mentions-csv [--out FILE]`);
  }
  if (!values.brand) throw new ConfigError('Name the brand: earshot report --brand <name or id> ...');
  const period = values.week !== undefined ? 'week' : values.from !== undefined || values.to !== undefined ? 'range' : undefined;
  if (!period) throw new ConfigError('Choose the period: --week 2026-W47, or --from YYYY-MM-DD --to YYYY-MM-DD.');
  if (period === 'week' && (values.from !== undefined || values.to !== undefined)) throw new ConfigError('Give either --week or --from/--to, not both.');
  if (period === 'range' && (values.from === undefined || values.to === undefined)) throw new ConfigError('A range needs both --from and --to (YYYY-MM-DD, inclusive).');
  if (period === 'week' && !/^\d{4}-W\d{2}$/.test(values.week!)) throw new ConfigError(`--week "${values.week}" is not an ISO week; write it as 2026-W47.`);
  for (const name of ['from', 'to'] as const) {
    if (values[name] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values[name])) throw new ConfigError(`--${name} "${values[name]}" is not a date; write it as YYYY-MM-DD.`);
  }
  const asOf = values['as-of'] === undefined ? undefined : new Date(values['as-of']);
  if (asOf && (Number.isNaN(asOf.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(values['as-of']!))) {
    throw new ConfigError(`--as-of "${values['as-of']}" is not an instant; write it as 2026-11-30T09:00:00Z.`);
  }
  const format = values.format as (typeof REPORT_FORMATS)[number] | undefined;
  if (!format || !REPORT_FORMATS.includes(format)) throw new ConfigError(`--format must be one of ${REPORT_FORMATS.join(', ')}${values.format ? `, not "${values.format}"` : ''}.`);
  if (format === 'pdf' && !values.out && process.stdout.isTTY) throw new ConfigError('A PDF is binary: give --out report.pdf or redirect the output to a file.');

  const config = loadConfig();
  const { generateReport, renderReportCsv, renderMentionsCsv, renderReportPdf } = await import('@earshot/worker');
  const db = await connectPostgres(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const request = period === 'week' ? { brand: values.brand, week: values.week! } : { brand: values.brand, from: values.from!, to: values.to! };
    let generated;
    try {
      generated = await generateReport(db, { ...request, asOf, fresh: values.fresh === true });
    } catch (error) {
      if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) throw new ConfigError(error.message);
      throw error;
    }
    const out = values.out ? createWriteStream(values.out) : process.stdout;
    const write = (chunk: string | Buffer) =>
      new Promise<void>((resolve, reject) => {
        out.write(chunk, (e) => (e ? reject(e) : resolve()));
      });
    const r = generated.report;
    if (format === 'json') await write(`${JSON.stringify(r, null, 2)}\n`);
    else if (format === 'csv') await write(renderReportCsv(r));
    else if (format === 'pdf') await write(await renderReportPdf(r));
    else for await (const line of renderMentionsCsv(db, r)) await write(line);
    if (values.out) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
    const from = generated.source === 'snapshot' ? `the stored report ${generated.snapshotId} (--fresh to rebuild)` : generated.snapshotId ? `built now and stored as ${generated.snapshotId}` : 'built now (not stored: the period is not over)';
    process.stderr.write(`${r.summary} Report ${from}${values.out ? `; written to ${values.out}` : ''}.\n`);
    return 0;
  } finally {
    await db.destroy();
  }
}

async function classify(): Promise<number> {
  const { runClassify } = await import('@earshot/worker');
  const result = await runClassify(process.stdin, process.stdout);
  if (result.errors > 0) process.stderr.write(`${result.errors} of ${result.lines} lines could not be classified; see their "error" fields.\n`);
  return 0;
}

/**
 * Runs one earshot command and resolves to its exit code; a ConfigError or StartupError becomes
 * one line on stderr. `bin/earshot.js` calls it with the process's arguments; tests call it in
 * their own process (stdout, stderr, stdin and the environment are the process's).
 */
export async function runCli(argv: string[]): Promise<number> {
  try {
    return await main(argv);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StartupError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`Earshot stopped on an unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    return 1;
  }
}

/** The SMTP password, so no log line can carry it. */
function smtpPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
