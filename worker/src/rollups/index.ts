export * from './rebuild-rollups.ts';
