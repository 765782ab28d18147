export * from './insert-collected-page.ts';
export * from './find-collected-page.ts';
export * from './delete-collected-page.ts';
export * from './claim-stale-pages.ts';
