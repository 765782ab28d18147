export * from './insert-demo-post.ts';
export * from './find-demo-posts.ts';
