export * from './upsert-brand-model.ts';
export * from './find-brand-model.ts';
export * from './list-brand-model-summaries.ts';
export * from './list-uncorrected-mentions.ts';
export * from './list-brands-needing-training.ts';
