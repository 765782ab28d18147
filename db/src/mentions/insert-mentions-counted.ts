import { sql } from 'kysely';
import type { Database, DatabaseTransaction } from '../client.ts';
import { rollupLockSql } from '../rollups/lock-brand-rollups.ts';
import { bucketOf, COUNT_COLUMN_LIST, COUNT_MENTIONS, KEY_COLUMN_LIST, ROLLUP_COUNT_COLUMNS, rollupTableOf, type RollupGrain } from '../rollups/rollup-sql.ts';
import type { NewMention } from '../schema.ts';

/**
 * Every column a mention can be inserted with: its PostgreSQL type (for unnest) and, for a
 * column with a default, the default a row without a value gets (unnest has no DEFAULT).
 * `always` columns travel in every statement (what analyze sets); the others only when some
 * row of the batch sets them (tests and seeding: an answered or assigned mention).
 */
const COLUMNS = [
  ['brand_id', 'uuid', null, 'always'],
  ['stream_id', 'uuid', null, 'always'],
  ['platform', 'text', null, 'always'],
  ['external_id', 'text', null, 'always'],
  ['url', 'text', null, 'always'],
  ['text', 'text', null, 'always'],
  ['lang', 'text', null, 'always'],
  ['author_external_id', 'text', null, 'always'],
  ['author_handle', 'text', null, 'always'],
  ['author_name', 'text', null, 'always'],
  ['author_followers', 'integer', null, 'always'],
  ['author_verified', 'boolean', 'false', 'always'],
  ['context_external_id', 'text', null, 'always'],
  ['context_author_handle', 'text', null, 'always'],
  ['context_text', 'text', null, 'always'],
  ['posted_at', 'timestamptz', null, 'always'],
  ['sentiment', 'text', null, 'always'],
  ['sentiment_score', 'real', null, 'always'],
  ['confidence', 'real', null, 'always'],
  ['intent', 'text', null, 'always'],
  ['topic', 'text', null, 'always'],
  ['is_spam', 'boolean', 'false', 'always'],
  ['priority', 'smallint', null, 'always'],
  ['priority_reason', 'text', null, 'always'],
  ['sla_due_at', 'timestamptz', null, 'always'],
  ['id', 'uuid', 'gen_random_uuid()', 'when-set'],
  ['collected_at', 'timestamptz', 'now()', 'when-set'],
  ['status', 'text', `'open'`, 'when-set'],
  ['answered_at', 'timestamptz', null, 'when-set'],
  ['assignee_id', 'uuid', null, 'when-set'],
  ['follow_up_at', 'timestamptz', null, 'when-set'],
] as const satisfies readonly (readonly [keyof NewMention, string, string | null, 'always' | 'when-set'])[];

// A column added to `mentions` (and NewMention) without a line above fails to compile here.
type Unlisted = Exclude<keyof NewMention, (typeof COLUMNS)[number][0]>;
const EVERY_COLUMN_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;
void EVERY_COLUMN_LISTED;

export type InsertedMention = { id: string; sentiment: NewMention['sentiment']; intent: NewMention['intent']; text: string; posted_at: Date };

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

async function insertCounted(trx: DatabaseTransaction, rows: NewMention[]): Promise<InsertedMention[]> {
  const columns = COLUMNS.filter(([column, , , when]) => when === 'always' || rows.some((r) => r[column] !== undefined));
  const names = sql.raw(columns.map(([c]) => c).join(', '));
  const arrays = columns.map(([column, type]) => {
    const values = rows.map((r) => r[column] ?? null);
    return sql`${values}::${sql.raw(type)}[]`;
  });
  const selected = sql.raw(columns.map(([c, , fallback]) => (fallback ? `coalesce(u.${c}, ${fallback})` : `u.${c}`)).join(', '));
  const result = await sql<InsertedMention>`
    with inserted as (
      insert into mentions (${names})
      select ${selected} from unnest(${sql.join(arrays)}) as u(${names})
      on conflict (platform, external_id) do nothing
      returning id, brand_id, stream_id, platform, posted_at, sentiment, intent, text
    ),
    minutes as (${rollupUpsert('minute')}),
    hours as (${rollupUpsert('hour')})
    select id, sentiment, intent, text, posted_at from inserted`.execute(trx);
  return result.rows;
}

/**
 * The one way mentions are stored: inserts them and adds the ones actually inserted to
 * `rollup_minutes` and `rollup_hours`, in one statement, so the rollups are counted in exactly
 * one place. The rows travel as one array per column (`unnest`), so the statement has 25
 * parameters (plus one per optional column some row sets) whatever the batch size. A mention
 * already stored (same platform and external id) is skipped by
 * `mentions_platform_external_id_key` and counted nowhere, so re-polls and re-run jobs store
 * and count each mention once. Returns only the rows inserted.
 *
 * Given a transaction, the caller must already hold the brands' shared rollup lock
 * (`takePageForAnalysis` or `lockBrandRollups`); given the pool, it opens a transaction and
 * takes the locks itself (brands in order, one round trip). The rollups are served by their
 * unique `*_key` indexes; buckets and counts are those of a rebuild (rollup-sql.ts).
 */
export async function insertMentionsCounted(db: Database | DatabaseTransaction, rows: NewMention[]): Promise<InsertedMention[]> {
  if (rows.length === 0) return [];
  if (db.isTransaction) return insertCounted(db as DatabaseTransaction, rows);
  const brands = [...new Set(rows.map((r) => r.brand_id))].sort();
  return db.transaction().execute(async (trx) => {
    await sql`select ${sql.join(brands.map((b) => rollupLockSql(b, 'shared')))}`.execute(trx);
    return insertCounted(trx, rows);
  });
}
