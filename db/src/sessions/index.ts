export * from './insert-session.ts';
export * from './find-session-user.ts';
export * from './touch-session.ts';
export * from './delete-session.ts';
export * from './delete-user-sessions.ts';
export * from './purge-expired-sessions.ts';
