import { sql } from 'kysely';
import type { DatabaseTransaction } from '../client.ts';
import type { Intent, Sentiment } from '../schema.ts';
import { lockBrandRollups } from './lock-brand-rollups.ts';
import { bucketOf, ROLLUP_COUNT_COLUMNS, rollupTableOf, type RollupGrain } from './rollup-sql.ts';

export interface MentionRollupKey {
  brand_id: string;
  stream_id: string | null;
  platform: string;
  posted_at: Date;
}

/**
 * Moves one mention's counts from its old sentiment / intent columns to its new ones in its
 * minute and hour rows (which exist: the mention was counted when stored), so rollups stay
 * equal to a recount after an agent's correction. Call in the correction's transaction.
 * Returns how many rollup rows changed (2, or 0 when the labels did not change).
 * Serves itself from the unique `rollup_minutes_key` / `rollup_hours_key` indexes.
 */
export async function moveMentionRollups(
  trx: DatabaseTransaction,
  mention: MentionRollupKey,
  from: { sentiment: Sentiment; intent: Intent },
  to: { sentiment: Sentiment; intent: Intent },
): Promise<number> {
  const delta = new Map<string, number>();
  for (const [column, step] of [
    [from.sentiment, -1],
    [from.intent, -1],
    [to.sentiment, 1],
    [to.intent, 1],
  ] as const) {
    delta.set(column, (delta.get(column) ?? 0) + step);
  }
  // An intent outside the Intent union (the column is free text) is counted nowhere, as in
  // COUNT_MENTIONS, so it moves nowhere either.
  const changes = [...delta].filter(([c, d]) => d !== 0 && (ROLLUP_COUNT_COLUMNS as readonly string[]).includes(c));
  if (changes.length === 0) return 0;
  await lockBrandRollups(trx, mention.brand_id, 'shared');
  let rows = 0;
  for (const grain of ['minute', 'hour'] as RollupGrain[]) {
    const table = rollupTableOf(grain);
    const set = sql.join(changes.map(([c, d]) => sql`${sql.ref(c)} = ${sql.ref(c)} + ${d}::int`));
    const result = await sql`
      update ${sql.table(table)} set ${set}
      where brand_id = ${mention.brand_id}
        and bucket = ${bucketOf(grain, sql`${mention.posted_at}::timestamptz`)}
        and stream_id is not distinct from ${mention.stream_id}::uuid
        and platform = ${mention.platform}`.execute(trx);
    rows += Number(result.numAffectedRows ?? 0);
  }
  return rows;
}
