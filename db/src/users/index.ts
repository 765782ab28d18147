export * from './insert-user.ts';
export * from './find-user.ts';
export * from './find-user-by-id.ts';
export * from './list-users.ts';
export * from './change-user-access.ts';
export * from './set-totp.ts';
export * from './claim-totp-step.ts';
export * from './set-user-password.ts';
