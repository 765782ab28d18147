export * from './find-inbox-page.ts';
export * from './find-mention-by-id.ts';
export * from './mark-mention-answered.ts';
export * from './find-author-context.ts';
export * from './insert-mentions-counted.ts';
export * from './count-recent-by-authors.ts';
