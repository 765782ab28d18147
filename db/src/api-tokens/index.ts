export * from './insert-api-token.ts';
export * from './find-api-token-user.ts';
export * from './list-user-api-tokens.ts';
export * from './revoke-api-token.ts';
export * from './touch-api-token.ts';
