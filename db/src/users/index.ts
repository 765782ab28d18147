export * from './insert-user.ts';
export * from './find-user.ts';
