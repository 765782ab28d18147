export * from './schema.ts';
export * from './client.ts';
export * from './migrate.ts';
export * from './errors.ts';
export * from './runtime.ts';
export * from './jobs/catalog.ts';
export * from './jobs/collected-mention.ts';
export * from './jobs/bus.ts';
