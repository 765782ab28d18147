export * from './sync-stream-failure-alerts.ts';
export * from './list-open-alerts.ts';
export * from './open-spike-alert.ts';
export * from './update-spike-alert.ts';
export * from './list-spike-window-mentions.ts';
export * from './sample-brand-mention-texts.ts';
