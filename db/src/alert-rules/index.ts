export * from './list-spike-rule-states.ts';
export * from './save-spike-rule-states.ts';
export * from './try-lock-spike-tick.ts';
