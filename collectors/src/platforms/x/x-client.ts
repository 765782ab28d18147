import type { Agent } from 'node:http';
import { TwitterApi, type ITwitterApiClientPlugin } from 'twitter-api-v2';
import { z } from 'zod';

/**
 * X credentials as the process entry reads them from its configuration. OAuth 1.0a user
 * context (the app's key and secret with the brand account's access token and secret) can
 * search, read mentions and post replies; a bearer token (app-only) can only read, and
 * then the brand account's user id must be given.
 */
export const XCredentialsSchema = z.union([
  z.object({
    appKey: z.string().min(1, 'The X API key is empty.'),
    appSecret: z.string().min(1, 'The X API key secret is empty.'),
    accessToken: z.string().min(1, 'The X access token is empty.'),
    accessSecret: z.string().min(1, 'The X access token secret is empty.'),
  }),
  z.object({ bearerToken: z.string().min(1, 'The X bearer token is empty.') }),
]);
export type XCredentials = z.infer<typeof XCredentialsSchema>;

export interface XClientOptions {
  /** A request with no answer for this long fails (as "unknown" when it was a post). */
  timeoutMs?: number;
  /** Extra twitter-api-v2 plugins; tests use one to aim the client at the fake X server. */
  plugins?: ITwitterApiClientPlugin[];
  /** twitter-api-v2 sends through `https.request`; an `http.Agent` lets tests speak plain HTTP. */
  httpAgent?: Agent;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Builds the twitter-api-v2 client for the given credentials. Reads nothing from the environment. */
export function createXClient(credentials: XCredentials, options: XClientOptions = {}): TwitterApi {
  const parsed = XCredentialsSchema.parse(credentials);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The library has no client-wide timeout; without one a silent X would hold a poll or a
  // send forever. Per-request `timeout` makes it destroy the socket and fail the call.
  const timeout: ITwitterApiClientPlugin = {
    onBeforeRequestConfig({ params }) {
      params.timeout ??= timeoutMs;
    },
  };
  const settings = {
    plugins: [timeout, ...(options.plugins ?? [])],
    ...(options.httpAgent ? { httpAgent: options.httpAgent } : {}),
  };
  return 'bearerToken' in parsed ? new TwitterApi(parsed.bearerToken, settings) : new TwitterApi(parsed, settings);
}
