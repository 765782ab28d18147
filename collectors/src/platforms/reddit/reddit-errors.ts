import { MalformedPayloadError, PlatformError, RateLimitedError } from '../errors.ts';
import type { RedditClient } from './reddit-client.ts';

const PLATFORM = 'reddit';
/** When Reddit says "slow down" without saying for how long. */
const DEFAULT_WAIT_MS = 60_000;
/** Failures before any byte reached Reddit: nothing can have been posted. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/**
 * What snoowrap (through request-promise) rejects with: `StatusCodeError` with `statusCode`
 * and the `response` (headers included), `RequestError` with the socket error as `cause`,
 * its own `RateLimitError`, or a plain Error carrying Reddit's `json.errors[0]` as
 * "CODE,explanation,field".
 */
interface ErrorShape {
  name?: unknown;
  message?: unknown;
  statusCode?: unknown;
  response?: { headers?: Record<string, unknown> };
  cause?: { code?: unknown; connect?: unknown; message?: unknown };
}

const shape = (error: unknown): ErrorShape => (typeof error === 'object' && error !== null ? (error as ErrorShape) : {});

function header(headers: Record<string, unknown> | undefined, name: string): number | null {
  const raw = headers?.[name];
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw === undefined || raw === null || raw === '' || !Number.isFinite(value) ? null : value;
}

/** Throws RateLimitedError when the last answer said no requests remain in this window. Call before every request. */
export function assertRequestAllowed(client: RedditClient, now: Date): void {
  const remaining = client.ratelimitRemaining;
  const resetAt = client.ratelimitExpiration;
  if (remaining !== null && remaining < 1 && resetAt !== null && Number.isFinite(resetAt) && resetAt > now.getTime()) {
    throw new RateLimitedError(PLATFORM, new Date(resetAt), `Reddit's rate limit for this account is used up; it resets at ${new Date(resetAt).toISOString()}.`);
  }
}

function rateLimited(error: ErrorShape, client: RedditClient, now: Date): RateLimitedError {
  const headers = error.response?.headers;
  const resetSeconds = header(headers, 'x-ratelimit-reset') ?? header(headers, 'retry-after');
  const resetAt =
    resetSeconds !== null
      ? new Date(now.getTime() + resetSeconds * 1_000)
      : client.ratelimitExpiration !== null && Number.isFinite(client.ratelimitExpiration) && client.ratelimitExpiration > now.getTime()
        ? new Date(client.ratelimitExpiration)
        : new Date(now.getTime() + DEFAULT_WAIT_MS);
  return new RateLimitedError(PLATFORM, resetAt, `Reddit answered 429 Too Many Requests; its rate limit resets at ${resetAt.toISOString()}.`);
}

function socketCode(error: ErrorShape): string | null {
  const code = error.cause?.code;
  if (typeof code === 'string') return code;
  if (error.name === 'RequestError') {
    const message = typeof error.cause?.message === 'string' ? error.cause.message : String(error.message);
    return message.replace(/^Error: /, '');
  }
  return null;
}

/** Reddit's `json.errors[0]` as snoowrap throws it: "CODE,explanation,field". */
function jsonError(error: ErrorShape): { code: string; explanation: string } | null {
  if (error.name !== 'Error' || typeof error.message !== 'string') return null;
  const match = /^([A-Z][A-Z0-9_]+),(.*)$/s.exec(error.message);
  if (!match) return null;
  const rest = match[2]!;
  const lastComma = rest.lastIndexOf(',');
  return { code: match[1]!, explanation: (lastComma >= 0 ? rest.slice(0, lastComma) : rest).trim() };
}

function credentialsError(status: number): PlatformError {
  return new PlatformError(
    PLATFORM,
    status === 401
      ? 'Reddit refused the credentials (401 Unauthorized): the access token has expired or been revoked, or the app id, secret, username or password is wrong. Check the Reddit connection in Settings.'
      : 'Reddit refused access (403 Forbidden): the account may be suspended, the subreddit private or banned, or the app missing the read, submit or history scope. Check the Reddit account and connection in Settings.',
    { retryable: false, sent: 'no', status },
  );
}

/** snoowrap's errors from the token request (password grant), raised before the real request is made. */
function signInError(error: ErrorShape): PlatformError | null {
  const message = typeof error.message === 'string' ? error.message : '';
  if (message.includes('"Invalid grant"')) {
    return new PlatformError(
      PLATFORM,
      'Reddit refused to sign in the account (invalid_grant): the username or password is wrong, or the account uses two-factor authentication, which script apps cannot pass. Check the Reddit connection in Settings.',
      { retryable: false, sent: 'no', status: 401 },
    );
  }
  if (message.startsWith('Reddit returned an error: ')) {
    return new PlatformError(PLATFORM, `Reddit refused to issue an access token (${message.slice(26)}). Check the Reddit connection in Settings.`, {
      retryable: false,
      sent: 'no',
    });
  }
  return null;
}

/** For reads (listings, /api/info, the account's comments): maps a client failure to the adapter's errors. */
export function readError(error: unknown, what: string, client: RedditClient, now: Date): Error {
  if (error instanceof RateLimitedError || error instanceof PlatformError || error instanceof MalformedPayloadError) return error;
  const e = shape(error);
  if (e.name === 'RateLimitError') return rateLimited({}, client, now);
  const signIn = signInError(e);
  if (signIn) return signIn;
  if (typeof e.statusCode === 'number') {
    const status = e.statusCode;
    if (status === 429) return rateLimited(e, client, now);
    if (status === 401 || status === 403) return credentialsError(status);
    if (status === 404) {
      return new PlatformError(PLATFORM, `Reddit answered 404 Not Found for the ${what}: check the subreddit names in the stream's query (a misspelled, banned or private subreddit answers this way).`, {
        retryable: false,
        status,
      });
    }
    if (status >= 500) {
      return new PlatformError(PLATFORM, `Reddit failed while answering for the ${what} (HTTP ${status}); the next poll tries again.`, { retryable: true, status });
    }
    return new PlatformError(PLATFORM, `Reddit refused the request for the ${what} (HTTP ${status}).`, { retryable: false, status });
  }
  const code = socketCode(e);
  if (code !== null) {
    return new PlatformError(PLATFORM, `No answer from Reddit for the ${what} (${code}); the next poll tries again.`, { retryable: true, cause: error });
  }
  // Anything else was thrown while the client unpacked a successful answer.
  return new MalformedPayloadError(PLATFORM, what, error instanceof Error ? error.message : String(error));
}

const REFUSALS: Record<string, string> = {
  DELETED_LINK: 'The Reddit post was deleted, so it can no longer be replied to.',
  DELETED_COMMENT: 'The Reddit comment was deleted, so it can no longer be replied to.',
  DELETED_THING: 'The Reddit post or comment was deleted, so it can no longer be replied to.',
  THREAD_LOCKED: 'The Reddit thread is locked: its moderators have closed it to new comments.',
  TOO_OLD: 'The Reddit thread is archived (too old to reply to).',
};

/** For posting a reply: says whether it may have been posted (`sent`) and whether trying again can help. */
export function publishError(error: unknown, client: RedditClient, now: Date): Error {
  if (error instanceof RateLimitedError || error instanceof PlatformError) return error;
  const e = shape(error);
  if (e.name === 'RateLimitError') return rateLimited({}, client, now);
  const signIn = signInError(e);
  if (signIn) return signIn;

  const refusal = jsonError(e);
  if (refusal) {
    if (refusal.code === 'RATELIMIT') {
      // "you are doing that too much. try again in 9 minutes." — a per-account posting limit.
      const m = /(\d+)\s*(millisecond|second|minute|hour)/i.exec(refusal.explanation);
      const unit = { millisecond: 1, second: 1_000, minute: 60_000, hour: 3_600_000 }[(m?.[2] ?? 'minute').toLowerCase() as 'minute'];
      const resetAt = new Date(now.getTime() + (m ? Number(m[1]) * unit : 10 * 60_000));
      return new RateLimitedError(PLATFORM, resetAt, `Reddit is limiting how often this account may comment ("${refusal.explanation}"); the reply waits until ${resetAt.toISOString()}.`);
    }
    const message = REFUSALS[refusal.code] ?? `Reddit refused the reply: ${refusal.explanation || 'no reason given'} (${refusal.code}).`;
    return new PlatformError(PLATFORM, message, { retryable: false, sent: 'no' });
  }

  if (typeof e.statusCode === 'number') {
    const status = e.statusCode;
    if (status === 429) return rateLimited(e, client, now);
    if (status === 401 || status === 403) return credentialsError(status);
    if (status === 404) {
      return new PlatformError(PLATFORM, 'Reddit says the post or comment being answered no longer exists (404).', { retryable: false, sent: 'no', status });
    }
    if (status >= 500) {
      // Reddit is known to create the comment and still answer 5xx: check before sending again.
      return new PlatformError(PLATFORM, `Reddit failed while posting the reply (HTTP ${status}); it may have been posted, so it is checked before any retry.`, {
        retryable: true,
        sent: 'unknown',
        status,
      });
    }
    return new PlatformError(PLATFORM, `Reddit refused the reply (HTTP ${status}).`, { retryable: false, sent: 'no', status });
  }

  const code = socketCode(e);
  if (code !== null) {
    const connectPhase = NOT_CONNECTED.has(code) || e.cause?.connect === true;
    return connectPhase
      ? new PlatformError(PLATFORM, `Could not reach Reddit (${code}); the reply was not sent and is tried again.`, { retryable: true, sent: 'no', cause: error })
      : new PlatformError(PLATFORM, `The reply was sent to Reddit but no answer came back (${code}); it is checked before any retry.`, {
          retryable: true,
          sent: 'unknown',
          cause: error,
        });
  }
  // The request went out and its answer could not be understood: the comment may exist.
  const detail = error instanceof Error ? error.message : String(error);
  return new PlatformError(PLATFORM, `Reddit's answer to the reply could not be read (${detail}); it is checked before any retry.`, {
    retryable: true,
    sent: 'unknown',
    cause: error,
  });
}
