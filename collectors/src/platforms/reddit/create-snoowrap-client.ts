import Snoowrap from 'snoowrap';
import { z } from 'zod';
import type { RedditClient } from './reddit-client.ts';

/**
 * The only file that imports snoowrap (last released 2021; it pulls in the deprecated
 * `request`). Replacing the library means replacing this file; the adapter only sees
 * RedditClient.
 */

const UserAgent = z
  .string()
  .trim()
  .min(10, 'Reddit needs a descriptive user agent, e.g. "server:earshot:1.0 (by u/yourname)".')
  .max(300, 'The Reddit user agent can be at most 300 characters.');

const ScriptAppCredentials = z.object({
  clientId: z.string().min(1, 'The Reddit app client id is missing.'),
  clientSecret: z.string().min(1, 'The Reddit app client secret is missing.'),
  username: z.string().min(1, 'The Reddit account username is missing.'),
  password: z.string().min(1, 'The Reddit account password is missing.'),
  userAgent: UserAgent,
});
const TokenCredentials = z.object({ accessToken: z.string().min(1, 'The Reddit access token is empty.'), userAgent: UserAgent });

export const RedditCredentialsSchema = z.union([ScriptAppCredentials, TokenCredentials]);
/** A "script" app's credentials (snoowrap fetches and renews the token), or a ready access token. */
export type RedditCredentials = z.infer<typeof RedditCredentialsSchema>;

export interface SnoowrapClientOptions {
  /** Per request; a request without an answer by then fails as a timeout. Default 30 s. */
  requestTimeoutMs?: number;
  /**
   * Tests only: send every request to this origin (e.g. a fake server on loopback) instead of
   * https://oauth.reddit.com and https://www.reddit.com. Uses snoowrap's documented
   * `rawRequest` subclass hook, so everything else runs exactly as in production.
   */
  baseUrl?: string;
}

/** Builds the snoowrap client the Reddit adapter talks through. Credentials are passed in, never read here. */
export function createSnoowrapClient(credentials: RedditCredentials, options: SnoowrapClientOptions = {}): RedditClient {
  // Judged against the shape it is meant to be, so the message names the field that is wrong.
  const parsed: RedditCredentials = 'accessToken' in credentials ? TokenCredentials.parse(credentials) : ScriptAppCredentials.parse(credentials);
  const Client = options.baseUrl === undefined ? Snoowrap : aimedAt(z.url().parse(options.baseUrl).replace(/\/+$/, ''));
  const client = new Client(parsed);
  client.config({
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    // The poll and publish runners own retries and waiting: snoowrap must neither sleep until a
    // rate-limit window resets nor resend on a 5xx (a resent POST could post a reply twice).
    // One attempt rather than an empty retryErrorCodes: with no codes listed, snoowrap's retry
    // handler catches every error and fails on those that carry no HTTP response.
    continueAfterRatelimitError: false,
    maxRetryAttempts: 1,
    requestDelay: 0,
    // Method chaining would fetch a whole object whenever zod reads a property it lacks.
    proxies: false,
    warnings: false,
  });
  if ('accessToken' in parsed) {
    // snoowrap treats a token with no expiry as "about to expire" on a 401, drops it and retries
    // with no token at all; a given token cannot be renewed, so the 401 must surface as it is.
    client.tokenExpiration = Number.POSITIVE_INFINITY;
  }
  // snoowrap's bundled types make its content objects Promise subclasses of themselves (upstream
  // issue #221), which TypeScript cannot relate to PromiseLike<unknown>; the adapter validates
  // every answer anyway.
  return client as unknown as RedditClient;
}

function aimedAt(origin: string): typeof Snoowrap {
  return class RedirectedSnoowrap extends Snoowrap {
    override rawRequest(requestOptions: Parameters<Snoowrap['rawRequest']>[0]) {
      // snoowrap sets baseUrl to https://oauth.reddit.com for the API and https://www.reddit.com for tokens.
      return super.rawRequest({ ...requestOptions, baseUrl: origin });
    }
  };
}
