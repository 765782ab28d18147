export * from './upsert-connection.ts';
export * from './list-connections.ts';
export * from './delete-connection.ts';
