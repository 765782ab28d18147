export * from './sync-stream-failure-alerts.ts';
export * from './list-open-alerts.ts';
