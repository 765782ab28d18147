export * from './find-stream-by-id.ts';
export * from './list-streams.ts';
export * from './insert-stream.ts';
export * from './lease-stream.ts';
export * from './record-poll-success.ts';
export * from './record-poll-failure.ts';
export * from './update-stream.ts';
export * from './delete-stream.ts';
