export * from './insert-session.ts';
export * from './find-session-user.ts';
export * from './delete-session.ts';
