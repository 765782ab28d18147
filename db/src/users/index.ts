export * from './insert-user.ts';
export * from './find-user.ts';
export * from './list-user-names.ts';
