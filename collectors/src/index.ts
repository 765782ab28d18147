export { startCollectors, type CollectorsOptions, type CollectorsRole } from './start-collectors.ts';
export type { CollectorDeps } from './deps.ts';
export type { PlatformAdapter, MentionPage, PollInput, PollResult, ReplyTarget, PublishedReply } from './platforms/adapter.ts';
export { RateLimitedError, PlatformError, MalformedPayloadError } from './platforms/errors.ts';
export { createAdapterRegistry, ConnectedAdapters, type AdapterRegistry } from './platforms/registry.ts';
export { definePlatform, type PlatformDefinition, type CredentialField, type CredentialValues } from './platforms/definition.ts';
export { createDemoAdapter, demoDefinition, DemoQuerySchema, type DemoQuery } from './platforms/demo/index.ts';
export { handlePollStream, remainingBudget, type PollOutcome } from './poll/poll-stream.handler.ts';
export { syncPollSchedulers } from './poll/sync-poll-schedulers.ts';
export { handlePublishReply, type PublishOutcome } from './publish/publish-reply.handler.ts';
export { sweepOutboxes } from './sweep-outboxes.ts';
export { redditDefinition } from './platforms/reddit/index.ts';
export {
  createRedditAdapter,
  createSnoowrapClient,
  RedditQuerySchema,
  checkRedditReply,
  type RedditQuery,
  type RedditAdapterOptions,
  type RedditCredentials,
  type RedditClient,
} from './platforms/reddit/index.ts';
export {
  createXAdapter,
  createXClient,
  xDefinition,
  XQuerySchema,
  createXQuerySchema,
  buildXSearchQuery,
  checkXReply,
  xWeightedLength,
  XCredentialsSchema,
  type XClientOptions,
  type XDefinitionOptions,
  type XQuery,
  type XAdapterOptions,
  type XCredentials,
} from './platforms/x/index.ts';
export {
  createBlueskyAdapter,
  blueskyDefinition,
  BlueskyQuerySchema,
  BlueskyCredentialsSchema,
  checkBlueskyReply,
  type BlueskyQuery,
  type BlueskyAdapterOptions,
  type BlueskyCredentials,
  type BlueskyDefinitionOptions,
} from './platforms/bluesky/index.ts';
