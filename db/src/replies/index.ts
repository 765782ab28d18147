export * from './insert-reply.ts';
export * from './find-reply-by-id.ts';
export * from './list-replies-for-mention.ts';
export * from './transition-reply.ts';
export * from './find-stuck-replies.ts';
