export * from './insert-collected-page.ts';
export * from './claim-stale-pages.ts';
export * from './find-page-for-analysis.ts';
export * from './take-page-for-analysis.ts';
