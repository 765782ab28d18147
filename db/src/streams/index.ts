export * from './find-stream.ts';
export * from './insert-stream.ts';
export * from './lease-stream.ts';
export * from './record-poll-outcome.ts';
export * from './update-stream.ts';
