import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { ALL_BRANDS, countMentionsBefore, deleteMentions, insertAuditEntry, listBrands, migrateToLatest, takePruneBatch } from '@earshot/db';
import { ConfigError, loadConfig } from './config.ts';
import { connectPostgres } from './connect.ts';
import { ProgressBar } from './progress-bar.ts';

const USAGE = 'earshot prune --before YYYY-MM-DD [--dry-run] [--out FILE] [--batch N]';

const DaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s)
  .transform((s) => new Date(`${s}T00:00:00Z`));

/**
 * `earshot prune`: archives the mentions posted before a UTC day, with their replies and
 * corrections, to a gzip JSON-lines file, and deletes them in batches. Each batch is one
 * transaction: its rows are locked, written to the archive and flushed, and only then deleted,
 * so a mention is never deleted without being in the archive (a run killed between the write
 * and the commit archives that batch again next time: dedupe archive lines by mention id).
 * Rollups stay, so alerts' baselines and reports of pruned periods keep their counts.
 * A progress bar on a terminal, one line per batch otherwise (stderr); the summary on stdout.
 */
export async function pruneCommand(args: string[]): Promise<number> {
  let values: { before?: string | undefined; 'dry-run'?: boolean | undefined; out?: string | undefined; batch?: string | undefined };
  try {
    ({ values } = parseArgs({
      args,
      options: { before: { type: 'string' }, 'dry-run': { type: 'boolean' }, out: { type: 'string' }, batch: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split(/\.\s/)[0]!.replace(/\.$/, '');
    throw new ConfigError(`${first}. Usage: ${USAGE}`);
  }
  if (values.before === undefined) throw new ConfigError(`Say which mentions to prune: --before a UTC date such as 2025-12-01. Usage: ${USAGE}`);
  const parsed = DaySchema.safeParse(values.before);
  if (!parsed.success) throw new ConfigError(`--before must be a UTC date such as 2025-12-01, not "${values.before}".`);
  const before = parsed.data;
  if (before.getTime() > Date.now()) throw new ConfigError(`--before ${values.before} is in the future: that would prune mentions your team may still be answering. Pick a past date.`);
  const batch = values.batch === undefined ? 2000 : Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 50_000) throw new ConfigError(`--batch must be a whole number from 1 to 50000, not "${values.batch}".`);
  const day = values.before;
  const out = values.out ?? `earshot-archive-before-${day}-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl.gz`;

  const config = loadConfig();
  const db = await connectPostgres(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const count = await countMentionsBefore(db, before);
    const what = `${count.mentions.toLocaleString('en')} mention${count.mentions === 1 ? '' : 's'} posted before ${day}, with ${count.replies.toLocaleString('en')} replies and ${count.corrections.toLocaleString('en')} corrections`;
    if (values['dry-run']) {
      process.stdout.write(`Dry run: prune would archive and delete ${what}${count.oldest ? ` (the oldest posted ${count.oldest.toISOString().slice(0, 10)})` : ''}. Rollups stay. Nothing was changed.\n`);
      return 0;
    }
    if (count.mentions === 0) {
      process.stdout.write(`No mentions were posted before ${day}: nothing to prune, no archive written.\n`);
      return 0;
    }
    if (existsSync(out)) throw new ConfigError(`${out} already exists; prune never overwrites an archive. Give another --out.`);

    // Each batch is its own gzip member (a file of concatenated members is one gzip stream to
    // gunzip and zcat), written and synced to disk before the batch's delete commits.
    const file = await open(out, 'wx');
    const progress = process.stderr.isTTY ? new ProgressBar(process.stderr, 'mentions') : undefined;
    progress?.start(count.mentions);
    const started = Date.now();
    let mentions = 0;
    let replies = 0;
    let corrections = 0;
    let batches = 0;
    for (const brand of await listBrands(db, ALL_BRANDS)) {
      for (;;) {
        const n = await db.transaction().execute(async (trx) => {
          const b = await takePruneBatch(trx, { brandId: brand.id, before, limit: batch });
          if (b.mentions.length === 0) return 0;
          const repliesOf = groupByMention(b.replies);
          const correctionsOf = groupByMention(b.corrections);
          const lines = b.mentions.map((m) => `${JSON.stringify({ mention: m, replies: repliesOf.get(m.id) ?? [], corrections: correctionsOf.get(m.id) ?? [] })}\n`);
          await file.write(gzipSync(lines.join('')));
          await file.datasync();
          const deleted = await deleteMentions(trx, b.mentions.map((m) => m.id));
          replies += b.replies.length;
          corrections += b.corrections.length;
          const first = b.mentions[0]!.posted_at.toISOString().slice(0, 10);
          const last = b.mentions.at(-1)!.posted_at.toISOString().slice(0, 10);
          batches++;
          if (progress) progress.update(mentions + deleted, `${brand.name} ${first}`);
          else process.stderr.write(`prune batch ${batches}: ${brand.name}: ${deleted} mentions posted ${first}…${last}, ${b.replies.length} replies, ${b.corrections.length} corrections archived and deleted (${(mentions + deleted).toLocaleString('en')}/${count.mentions.toLocaleString('en')})\n`);
          return deleted;
        });
        mentions += n;
        if (n < batch) break;
      }
    }
    await file.close();
    progress?.finish();
    const seconds = (Date.now() - started) / 1000;
    await insertAuditEntry(db, {
      actor: { id: null, label: 'cli' },
      action: 'mentions.pruned',
      target: { type: 'archive', id: out },
      details: { before: day, mentions, replies, corrections, archive: out },
    });
    process.stdout.write(
      `Archived ${mentions.toLocaleString('en')} mentions posted before ${day}, with ${replies.toLocaleString('en')} replies and ${corrections.toLocaleString('en')} corrections, to ${out}, and deleted them in ${batches} batches (${seconds.toFixed(1)} s). Rollups stay. PostgreSQL's autovacuum reclaims the space; run VACUUM mentions to reuse it at once.\n`,
    );
    return 0;
  } finally {
    await db.destroy();
  }
}

function groupByMention<T extends { mention_id: string }>(rows: T[]): Map<string, T[]> {
  const byMention = new Map<string, T[]>();
  for (const row of rows) {
    const list = byMention.get(row.mention_id);
    if (list) list.push(row);
    else byMention.set(row.mention_id, [row]);
  }
  return byMention;
}
