import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ALL_BRANDS, listBrands, migrateToLatest } from '@earshot/db';
import { ConfigError, loadConfig } from './config.ts';
import { connectPostgres } from './connect.ts';
import { ProgressBar } from './progress-bar.ts';

const REBUILD_USAGE = 'earshot rollups rebuild [--brand <name or id>]... [--from YYYY-MM-DD] [--to YYYY-MM-DD]';

const DaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  // Date.parse accepts 2026-02-30 as March 2nd; only a date that reads back the same is one.
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s)
  .transform((s) => new Date(`${s}T00:00:00Z`));

function parseDay(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = DaySchema.safeParse(value);
  if (!parsed.success) throw new ConfigError(`${flag} must be a UTC date such as 2026-11-24, not "${value}".`);
  return parsed.data;
}

/** `earshot rollups <command>`: only `rebuild` so far. */
export async function rollupsCommand(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command !== 'rebuild') {
    throw new ConfigError(`${command === undefined ? 'Name a rollups command' : `Unknown rollups command "${command}"`}: ${REBUILD_USAGE}`);
  }
  return rebuild(rest);
}

/**
 * Recounts rollups from mentions, per brand and UTC day. `--to` is inclusive (the last day
 * recounted). A progress bar on a terminal, one line per brand-day otherwise (both on stderr);
 * the summary on stdout.
 */
async function rebuild(args: string[]): Promise<number> {
  let values: { brand?: string[] | undefined; from?: string | undefined; to?: string | undefined };
  try {
    ({ values } = parseArgs({ args, options: { brand: { type: 'string', multiple: true }, from: { type: 'string' }, to: { type: 'string' } }, strict: true }));
  } catch (error) {
    // node's messages run on with advice about "--"; the first sentence is what went wrong.
    const first = (error instanceof Error ? error.message : String(error)).split(/\.\s/)[0]!.replace(/\.$/, '');
    throw new ConfigError(`${first}. Usage: ${REBUILD_USAGE}`);
  }
  const from = parseDay('--from', values.from);
  const lastDay = parseDay('--to', values.to);
  if (from && lastDay && lastDay < from) throw new ConfigError(`--to ${values.to} is before --from ${values.from}.`);
  const to = lastDay ? new Date(lastDay.getTime() + 86_400_000) : undefined;

  const config = loadConfig();
  const { rebuildRollups } = await import('@earshot/worker');
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
    const names = new Map(chosen.map((b) => [b.id, b.name]));
    const progress = process.stderr.isTTY ? new ProgressBar(process.stderr, 'brand-days') : undefined;
    const summary = await rebuildRollups(
      db,
      chosen.map((b) => b.id),
      {
        from,
        to,
        onPlan: (steps) => progress?.start(steps),
        onStep: (s) => {
          const label = `${names.get(s.brandId)} ${s.day.toISOString().slice(0, 10)}`;
          if (progress) progress.update(s.done, label);
          else process.stderr.write(`rollups rebuild ${s.done}/${s.of}: ${label}: ${s.mentions} mentions, ${s.minutes} minute rows, ${s.hours} hour rows\n`);
        },
      },
    );
    progress?.finish();
    process.stdout.write(`Rebuilt the rollups of ${summary.brands} brand${summary.brands === 1 ? '' : 's'} over ${summary.days} brand-day${summary.days === 1 ? '' : 's'}: ${summary.mentions} mentions counted.\n`);
    return 0;
  } finally {
    await db.destroy();
  }
}
