export * from './count-mentions-before.ts';
export * from './take-prune-batch.ts';
export * from './delete-mentions.ts';
