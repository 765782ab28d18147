export * from './insert-password-reset.ts';
export * from './set-password-reset-token.ts';
export * from './find-open-password-reset.ts';
export * from './use-password-reset.ts';
