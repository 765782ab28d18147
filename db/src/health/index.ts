export * from './ping-database.ts';
