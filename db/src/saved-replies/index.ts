export * from './list-saved-replies.ts';
export * from './find-saved-reply.ts';
export * from './insert-saved-reply.ts';
export * from './update-saved-reply.ts';
export * from './delete-saved-reply.ts';
