import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Sentiment } from '../schema.ts';

/**
 * Adds newly stored mentions to the per-brand, per-minute counts that alerts and reports
 * read. Call in the same transaction as the insert, with only the rows inserted, so a
 * re-run job counts nothing twice.
 */
export async function bumpMentionRollups(
  db: Kysely<DB> | Transaction<DB>,
  brandId: string,
  inserted: { sentiment: Sentiment; posted_at: Date }[],
): Promise<void> {
  const buckets = new Map<number, { total: number; negative: number; neutral: number; positive: number }>();
  for (const row of inserted) {
    const minute = Math.floor(row.posted_at.getTime() / 60_000) * 60_000;
    const b = buckets.get(minute) ?? { total: 0, negative: 0, neutral: 0, positive: 0 };
    b.total++;
    b[row.sentiment]++;
    buckets.set(minute, b);
  }
  if (buckets.size === 0) return;
  await db
    .insertInto('mention_rollups')
    .values([...buckets].map(([minute, b]) => ({ brand_id: brandId, minute: new Date(minute), ...b })))
    .onConflict((oc) =>
      oc.columns(['brand_id', 'minute']).doUpdateSet({
        total: sql`mention_rollups.total + excluded.total`,
        negative: sql`mention_rollups.negative + excluded.negative`,
        neutral: sql`mention_rollups.neutral + excluded.neutral`,
        positive: sql`mention_rollups.positive + excluded.positive`,
      }),
    )
    .execute();
}
