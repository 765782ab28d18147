export * from './insert-audit-entry.ts';
export * from './find-audit-page.ts';
