export * from './brand-scope.ts';
export * from './find-brand-scope.ts';
export * from './list-user-brand-limits.ts';
export * from './set-user-brands.ts';
export * from './set-api-token-brands.ts';
