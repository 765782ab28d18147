export * from './insert-reply.ts';
export * from './find-replies.ts';
export * from './transition-reply.ts';
export * from './find-stuck-replies.ts';
