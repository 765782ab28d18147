import { z } from 'zod';
import { definePlatform, type PlatformDefinition } from '../definition.ts';
import { createXAdapter } from './x-adapter.ts';
import { createXClient, type XClientOptions } from './x-client.ts';
import { createXQuerySchema, X_BASIC_QUERY_LENGTH, type XQuery } from './x-query.ts';
import { checkXReply, X_MAX_POST_LENGTH } from './x-text.ts';

/**
 * A stored X connection: the app's API key and secret and the brand account's access token
 * and secret (OAuth 1.0a user context: it reads mentions, searches and posts replies).
 */
const StoredCredentials = z.object({
  appKey: z.string().trim().min(1, 'the API key is missing'),
  appSecret: z.string().trim().min(1, 'the API key secret is missing'),
  accessToken: z.string().trim().min(1, 'the access token is missing'),
  accessSecret: z.string().trim().min(1, 'the access token secret is missing'),
  /** Saves a users/me call per process; checked against the token's account when given. */
  brandUserId: z
    .string()
    .trim()
    .regex(/^[0-9]{1,19}$/, 'the account id must be the numeric X user id')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export interface XDefinitionOptions extends XClientOptions {
  /** Recent search query length of the X access level: 512 (Basic, the default) or 4,096 (Pro). */
  maxQueryLength?: number;
}

export function xDefinition(options: XDefinitionOptions = {}): PlatformDefinition<XQuery> {
  const { maxQueryLength = X_BASIC_QUERY_LENGTH, ...clientOptions } = options;
  const querySchema = createXQuerySchema({ maxQueryLength });
  return definePlatform({
    platform: 'x',
    label: 'X (Twitter)',
    credentials: {
      schema: StoredCredentials,
      fields: [
        { name: 'appKey', label: 'API key (developer.x.com → your app → Keys and tokens)', secret: false, optional: false },
        { name: 'appSecret', label: 'API key secret', secret: true, optional: false },
        { name: 'accessToken', label: "Access token of the brand account (with read and write permission)", secret: true, optional: false },
        { name: 'accessSecret', label: 'Access token secret', secret: true, optional: false },
        { name: 'brandUserId', label: 'Brand account numeric user id (optional; looked up when empty)', secret: false, optional: true },
      ],
    },
    querySchema,
    queryExample: {
      keywords: ['acme air', '#AcmeAir'],
      phrases: [],
      accounts: ['AcmeAir'],
      exclude: ['hiring'],
      language: 'en',
      includeRetweets: false,
      includeMentions: true,
      includeSearch: true,
    },
    replyLimit: X_MAX_POST_LENGTH,
    replyCounting: 'x-weighted',
    checkReply: checkXReply,
    createAdapter({ credentials }) {
      const c = credentials;
      const client = createXClient({ appKey: c.appKey, appSecret: c.appSecret, accessToken: c.accessToken, accessSecret: c.accessSecret }, clientOptions);
      return createXAdapter({ client, maxQueryLength, ...(c.brandUserId ? { brandUserId: c.brandUserId } : {}) });
    },
  });
}
