export * from './list-spike-rule-states.ts';
export * from './save-spike-rule-states.ts';
export * from './try-lock-spike-tick.ts';
export * from './list-alert-rules.ts';
export * from './find-alert-rule.ts';
export * from './insert-alert-rule.ts';
export * from './update-alert-rule.ts';
