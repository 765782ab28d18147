export { createRedditAdapter, checkRedditReply, REDDIT_REPLY_MAX, type RedditAdapterOptions } from './reddit-adapter.ts';
export { createSnoowrapClient, RedditCredentialsSchema, type RedditCredentials, type SnoowrapClientOptions } from './create-snoowrap-client.ts';
export type { RedditClient } from './reddit-client.ts';
export { RedditQuerySchema, buildSearchQuery, type RedditQuery } from './reddit-query.ts';
export { redditDefinition, type RedditDefinitionOptions } from './reddit-definition.ts';
