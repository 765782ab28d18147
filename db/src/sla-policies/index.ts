export * from './find-sla-policy.ts';
export * from './upsert-sla-policy.ts';
export * from './list-open-mentions-for-sla.ts';
export * from './update-mention-deadlines.ts';
