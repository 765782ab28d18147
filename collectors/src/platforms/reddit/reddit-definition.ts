import { z } from 'zod';
import { definePlatform, type PlatformDefinition } from '../definition.ts';
import { createSnoowrapClient } from './create-snoowrap-client.ts';
import { checkRedditReply, createRedditAdapter, REDDIT_REPLY_MAX } from './reddit-adapter.ts';
import { RedditQuerySchema, type RedditQuery } from './reddit-query.ts';

/**
 * A stored Reddit connection: a "script" app and the account it acts as. (A bare access
 * token expires within the hour, so it is not offered for storing.)
 */
const StoredCredentials = z.object({
  clientId: z.string().trim().min(1, 'the app client id is missing'),
  clientSecret: z.string().trim().min(1, 'the app client secret is missing'),
  username: z
    .string()
    .trim()
    .transform((u) => u.replace(/^\/?u\//i, ''))
    .pipe(z.string().min(1, 'the account username is missing').max(100).regex(/^[^\s/]+$/, 'the account username cannot contain spaces or slashes')),
  password: z.string().min(1, 'the account password is missing'),
  /** Reddit asks for `<platform>:<app id>:<version> (by /u/<username>)`; filled in when left empty. */
  userAgent: z.string().trim().max(300).optional(),
});

export interface RedditDefinitionOptions {
  /** Tests: where the snoowrap client sends requests instead of reddit.com. */
  baseUrl?: string;
  requestTimeoutMs?: number;
}

export function redditDefinition(options: RedditDefinitionOptions = {}): PlatformDefinition<RedditQuery> {
  return definePlatform({
    platform: 'reddit',
    label: 'Reddit',
    credentials: {
      schema: StoredCredentials,
      fields: [
        { name: 'clientId', label: 'App client id (reddit.com/prefs/apps, type "script")', secret: false, optional: false },
        { name: 'clientSecret', label: 'App client secret', secret: true, optional: false },
        { name: 'username', label: 'Reddit account username (replies are posted as this account)', secret: false, optional: false },
        { name: 'password', label: 'Reddit account password', secret: true, optional: false },
        { name: 'userAgent', label: 'User agent (optional)', secret: false, optional: true },
      ],
    },
    querySchema: RedditQuerySchema,
    queryExample: { keywords: ['acme air', 'acmeair'], exclude: ['acme corp'], subreddits: ['travel', 'flights'], watchComments: true },
    replyLimit: REDDIT_REPLY_MAX,
    replyCounting: 'code-points',
    checkReply: checkRedditReply,
    createAdapter({ credentials }) {
      const c = credentials;
      const userAgent = c.userAgent || `server:earshot:1.0 (by /u/${c.username})`;
      const client = createSnoowrapClient(
        { clientId: c.clientId, clientSecret: c.clientSecret, username: c.username, password: c.password, userAgent },
        { ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}) },
      );
      return createRedditAdapter({ client, username: c.username });
    },
  });
}
