export * from './list-final-report-snapshots.ts';
export * from './replace-partial-report-snapshot.ts';
