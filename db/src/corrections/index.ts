export * from './insert-correction.ts';
export * from './find-model-value.ts';
export * from './find-mention-for-update.ts';
export * from './update-mention-labels.ts';
export * from './list-corrections-for-training.ts';
export * from './find-brand-agreement.ts';
export * from './list-corrected-fields.ts';
