import { sql } from 'kysely';
import type { DatabaseTransaction } from '../client.ts';
import { lockBrandRollups } from './lock-brand-rollups.ts';
import { bucketOf, COUNT_COLUMN_LIST, COUNT_MENTIONS, KEY_COLUMN_LIST, ROLLUP_COUNT_COLUMNS, rollupTableOf, type RollupGrain } from './rollup-sql.ts';

/**
 * Adds stored mentions to `rollup_minutes` and `rollup_hours`: one INSERT … SELECT … GROUP BY
 * … ON CONFLICT add per table, reading the rows by primary key. Call in the transaction that
 * inserted them, with only the ids actually inserted, so a re-run job counts nothing twice.
 * Serves itself from `mentions_pkey` and the tables' unique `*_key` indexes.
 */
export async function addMentionsToRollups(trx: DatabaseTransaction, brandId: string, mentionIds: string[]): Promise<void> {
  if (mentionIds.length === 0) return;
  await lockBrandRollups(trx, brandId, 'shared');
  for (const grain of ['minute', 'hour'] as RollupGrain[]) {
    const table = sql.table(rollupTableOf(grain));
    const add = sql.raw(ROLLUP_COUNT_COLUMNS.map((c) => `${c} = ${rollupTableOf(grain)}.${c} + excluded.${c}`).join(', '));
    // Rows in key order, so two batches of one brand lock shared buckets in the same order
    // and cannot deadlock.
    await sql`
      insert into ${table} (${KEY_COLUMN_LIST}, ${COUNT_COLUMN_LIST})
      select brand_id, ${bucketOf(grain)} as bucket, stream_id, platform, ${COUNT_MENTIONS}
      from mentions
      where id = any(${mentionIds}::uuid[])
      group by 1, 2, 3, 4
      order by 1, 2, 3, 4
      on conflict (${KEY_COLUMN_LIST}) do update set ${add}`.execute(trx);
  }
}
