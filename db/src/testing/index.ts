export * from './test-db.ts';
export * from './redis-cleanup.ts';
