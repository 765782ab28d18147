export * from './test-db.ts';
export * from './redis-cleanup.ts';
export * from './factories.ts';
export * from './seed-report-week.ts';
