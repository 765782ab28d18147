export * from './bump-mention-rollups.ts';
