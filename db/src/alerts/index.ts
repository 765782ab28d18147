export * from './sync-stream-failure-alerts.ts';
export * from './list-open-alerts.ts';
export * from './open-spike-alert.ts';
export * from './update-spike-alert.ts';
