import { sql, type RawBuilder } from 'kysely';
import type { Intent, RollupCounts, Sentiment } from '../schema.ts';

/** The counted columns of `rollup_minutes` and `rollup_hours`, in table order. */
export const ROLLUP_COUNT_COLUMNS = [
  'total',
  'negative',
  'neutral',
  'positive',
  'complaint',
  'question',
  'praise',
  'other',
  'spam',
] as const satisfies readonly (keyof RollupCounts)[];

export type RollupGrain = 'minute' | 'hour';
export type RollupTableName = 'rollup_minutes' | 'rollup_hours';

const SENTIMENTS: readonly Sentiment[] = ['negative', 'neutral', 'positive'];
const INTENTS: readonly Intent[] = ['complaint', 'question', 'praise', 'other', 'spam'];

export const rollupTableOf = (grain: RollupGrain): RollupTableName => (grain === 'minute' ? 'rollup_minutes' : 'rollup_hours');

/**
 * The one definition of a mention's bucket, shared by the live path and rebuilds so both
 * give the same rows. Three-argument date_trunc: the UTC minute / hour whatever the
 * session's TimeZone.
 */
export function bucketOf(grain: RollupGrain, column: RawBuilder<unknown> = sql.ref('posted_at')): RawBuilder<Date> {
  return sql<Date>`date_trunc(${sql.lit(grain)}, ${column}, 'UTC')`;
}

/** `count(*)…` over `mentions` rows, one per ROLLUP_COUNT_COLUMNS entry, in that order. */
export const COUNT_MENTIONS = sql.raw(
  [
    'count(*)::int',
    ...SENTIMENTS.map((s) => `(count(*) filter (where sentiment = '${s}'))::int`),
    ...INTENTS.map((i) => `(count(*) filter (where intent = '${i}'))::int`),
  ].join(', '),
);

/** `sum(column)::int` over rollup rows, in ROLLUP_COUNT_COLUMNS order. */
export const SUM_COUNTS = sql.raw(ROLLUP_COUNT_COLUMNS.map((c) => `sum(${c})::int`).join(', '));

/** `sum(column)::int as column`, for reads. */
export const SUM_COUNTS_AS = sql.raw(ROLLUP_COUNT_COLUMNS.map((c) => `coalesce(sum(${c}), 0)::int as ${c}`).join(', '));

export const COUNT_COLUMN_LIST = sql.raw(ROLLUP_COUNT_COLUMNS.join(', '));
export const KEY_COLUMN_LIST = sql.raw('brand_id, bucket, stream_id, platform');
