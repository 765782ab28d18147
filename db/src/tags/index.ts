export * from './list-tags.ts';
export * from './ensure-tag.ts';
export * from './tag-mentions.ts';
export * from './list-tags-of-mentions.ts';
