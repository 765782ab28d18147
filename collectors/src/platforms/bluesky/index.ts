export { createBlueskyAdapter, BLUESKY_DEFAULT_SERVICE, type BlueskyAdapterOptions } from './bluesky-adapter.ts';
export { blueskyPostUrl } from './bluesky-payloads.ts';
export { blueskyDefinition, BlueskyCredentialsSchema, type BlueskyCredentials, type BlueskyDefinitionOptions } from './bluesky-definition.ts';
export { BlueskyQuerySchema, blueskySearchTerm, type BlueskyQuery } from './bluesky-query.ts';
export { checkBlueskyReply, blueskyGraphemes, BLUESKY_MAX_GRAPHEMES } from './bluesky-text.ts';
