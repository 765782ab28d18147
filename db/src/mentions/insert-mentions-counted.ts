import { sql } from 'kysely';
import { bucketOf, COUNT_COLUMN_LIST, COUNT_MENTIONS, KEY_COLUMN_LIST, ROLLUP_COUNT_COLUMNS, rollupTableOf, type RollupGrain } from '../rollups/rollup-sql.ts';
import type { NewMention } from '../schema.ts';
import type { DatabaseTransaction } from '../client.ts';

/** Every column an analyzed mention is inserted with, and its PostgreSQL type (for unnest). */
const COLUMNS = [
  ['brand_id', 'uuid'],
  ['stream_id', 'uuid'],
  ['platform', 'text'],
  ['external_id', 'text'],
  ['url', 'text'],
  ['text', 'text'],
  ['lang', 'text'],
  ['author_external_id', 'text'],
  ['author_handle', 'text'],
  ['author_name', 'text'],
  ['author_followers', 'integer'],
  ['author_verified', 'boolean'],
  ['context_external_id', 'text'],
  ['context_author_handle', 'text'],
  ['context_text', 'text'],
  ['posted_at', 'timestamptz'],
  ['sentiment', 'text'],
  ['sentiment_score', 'real'],
  ['confidence', 'real'],
  ['intent', 'text'],
  ['topic', 'text'],
  ['is_spam', 'boolean'],
  ['priority', 'smallint'],
  ['priority_reason', 'text'],
  ['sla_due_at', 'timestamptz'],
] as const satisfies readonly (readonly [keyof NewMention, string])[];

const COLUMN_LIST = sql.raw(COLUMNS.map(([c]) => c).join(', '));

function rollupUpsert(grain: RollupGrain) {
  const table = sql.table(rollupTableOf(grain));
  const add = sql.raw(ROLLUP_COUNT_COLUMNS.map((c) => `${c} = ${rollupTableOf(grain)}.${c} + excluded.${c}`).join(', '));
  // Rows in key order, so two batches of one brand lock shared buckets in the same order and
  // cannot deadlock.
  return sql`
    insert into ${table} (${KEY_COLUMN_LIST}, ${COUNT_COLUMN_LIST})
    select brand_id, ${bucketOf(grain)} as bucket, stream_id, platform, ${COUNT_MENTIONS}
    from inserted
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4
    on conflict (${KEY_COLUMN_LIST}) do update set ${add}`;
}

/**
 * Inserts analyzed mentions and adds the ones actually inserted to `rollup_minutes` and
 * `rollup_hours`, in one statement: the rows travel as one array per column (`unnest`), so
 * the statement has 25 parameters whatever the batch size. A mention already stored (same
 * platform and external id) is skipped by `mentions_platform_external_id_key` and counted
 * nowhere, so re-polls and re-run jobs store and count each mention once. Returns only the
 * rows inserted. Call in a transaction holding the brands' shared rollup lock
 * (`lockBrandRollups` or `takePageForAnalysis`); the rollups are served by their unique
 * `*_key` indexes. The buckets and counts are those of `addMentionsToRollups` and a rebuild
 * (rollup-sql.ts), so all three agree.
 */
export async function insertMentionsCounted(
  trx: DatabaseTransaction,
  rows: NewMention[],
): Promise<{ id: string; sentiment: NewMention['sentiment']; intent: NewMention['intent']; text: string; posted_at: Date }[]> {
  if (rows.length === 0) return [];
  const arrays = COLUMNS.map(([column, type]) => {
    const values = rows.map((r) => {
      const v = r[column];
      return v === undefined ? null : v;
    });
    return sql`${values}::${sql.raw(type)}[]`;
  });
  const result = await sql<{ id: string; sentiment: NewMention['sentiment']; intent: NewMention['intent']; text: string; posted_at: Date }>`
    with inserted as (
      insert into mentions (${COLUMN_LIST})
      select * from unnest(${sql.join(arrays)})
      on conflict (platform, external_id) do nothing
      returning id, brand_id, stream_id, platform, posted_at, sentiment, intent, text
    ),
    minutes as (${rollupUpsert('minute')}),
    hours as (${rollupUpsert('hour')})
    select id, sentiment, intent, text, posted_at from inserted`.execute(trx);
  return result.rows;
}
