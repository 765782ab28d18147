export { ROLLUP_COUNT_COLUMNS, type RollupGrain, type RollupTableName } from './rollup-sql.ts';
export * from './lock-brand-rollups.ts';
export * from './add-mentions-to-rollups.ts';
export * from './move-mention-rollups.ts';
export * from './rebuild-brand-rollups.ts';
export * from './find-rollup-span.ts';
export * from './find-rollup-series.ts';
export * from './find-rollup-totals.ts';
export * from './list-brand-minute-counts.ts';
