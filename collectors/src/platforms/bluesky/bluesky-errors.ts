import { XRPCError } from '@atproto/api';
import { MalformedPayloadError, PlatformError, RateLimitedError } from '../errors.ts';

const PLATFORM = 'bluesky';
/** Without a `ratelimit-reset` header, wait out Bluesky's usual 5-minute window. */
const DEFAULT_RATE_WINDOW_MS = 5 * 60_000;
/** Connection errors that happen before a request leaves this machine: it cannot have arrived. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export type BlueskyAction = 'read' | 'publish' | 'sign-in';

/** XRPC's pseudo-statuses for "no answer" and "an answer that is not what the lexicon says". */
const NO_ANSWER = 1;
const INVALID_ANSWER = 2;

export const CHECK_APP_PASSWORD =
  'Check the Bluesky handle and app password in Settings (create one at bsky.app → Settings → Privacy and security → App passwords); it may have been revoked.';

/** The network reason behind a failed fetch (an errno code or TimeoutError), from the cause chain. */
function networkReason(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof Error || (typeof current === 'object' && current !== null)) {
      const e = current as { code?: unknown; name?: unknown; cause?: unknown };
      if (typeof e.code === 'string') return e.code;
      if (e.name === 'TimeoutError') return 'TimeoutError';
      current = e.cause;
    } else break;
  }
  return null;
}

/** True when the request expired its access token or has none that the server accepts. */
export function isSessionProblem(error: unknown): boolean {
  return error instanceof XRPCError && (error.status === 401 || error.error === 'ExpiredToken' || error.error === 'InvalidToken');
}

/**
 * Turns whatever @atproto/api threw into the errors the pipeline understands (errors.ts).
 * `where` names what was being read or sent, for the messages.
 */
export function toBlueskyError(error: unknown, action: BlueskyAction, where: string, now: () => number = Date.now): Error {
  if (error instanceof RateLimitedError || error instanceof PlatformError || error instanceof MalformedPayloadError) return error;
  if (!(error instanceof XRPCError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return new PlatformError(PLATFORM, `Bluesky failed during ${where} (${detail}).`, { retryable: true, sent: action === 'publish' ? 'unknown' : 'no', cause: error });
  }
  const status = error.status;
  const code = error.error ?? '';
  const detail = error.message && error.message !== code ? `${code}: ${error.message}` : code || `HTTP ${status}`;

  if (status === NO_ANSWER) {
    const reason = networkReason(error) ?? 'no answer';
    if (action === 'publish' && !NEVER_SENT.has(reason)) {
      return new PlatformError(PLATFORM, `No answer from Bluesky to ${where} (${reason}); the reply may have been posted and is checked before any retry.`, {
        retryable: true,
        sent: 'unknown',
        cause: error,
      });
    }
    return new PlatformError(PLATFORM, `Could not reach Bluesky for ${where} (${reason}); it will be tried again.`, { retryable: true, sent: 'no', cause: error });
  }
  if (status === INVALID_ANSWER) {
    if (action === 'publish') {
      return new PlatformError(PLATFORM, `Bluesky's answer to ${where} could not be read (${error.message}); the reply may have been posted and is checked before any retry.`, {
        retryable: true,
        sent: 'unknown',
        cause: error,
      });
    }
    // @atproto/api checks answers against the lexicon and keeps the reason on `validationError`.
    const validation = (error as { validationError?: { message?: unknown } }).validationError;
    const why =
      typeof validation?.message === 'string'
        ? `it does not match the lexicon (${validation.message})`
        : // The client's own words for a body that is not JSON (cut off, or an HTML error page).
          error.message.startsWith('Failed to parse response body')
          ? 'the answer is not valid JSON (cut off, or an error page instead of data)'
          : error.message;
    return new MalformedPayloadError(PLATFORM, where.replace(/^(a|an|the) /, ''), why);
  }
  if (status === 429) {
    const reset = Number(error.headers?.['ratelimit-reset']);
    const resetAt = new Date(Number.isFinite(reset) && reset > 0 ? reset * 1_000 : now() + DEFAULT_RATE_WINDOW_MS);
    const policy = error.headers?.['ratelimit-policy'];
    return new RateLimitedError(PLATFORM, resetAt, `Bluesky rate limit reached for ${where}${policy ? ` (policy ${policy})` : ''}; it resets at ${resetAt.toISOString()}.`);
  }
  if (status === 401 || code === 'ExpiredToken' || code === 'InvalidToken' || code === 'AuthFactorTokenRequired') {
    const hint =
      code === 'AuthFactorTokenRequired'
        ? 'The account asks for an e-mail sign-in code, which means the account password was given: use an app password instead, which needs no code.'
        : CHECK_APP_PASSWORD;
    return new PlatformError(PLATFORM, `Bluesky refused the sign-in for ${where} (${detail}). ${hint}`, { retryable: false, sent: 'no', status: error.status, cause: error });
  }
  if (status === 403 || code === 'AccountTakedown') {
    return new PlatformError(PLATFORM, `Bluesky refused ${where} (${detail}). The account may be suspended, taken down or deactivated.`, {
      retryable: false,
      sent: 'no',
      status,
      cause: error,
    });
  }
  if (status >= 500) {
    return new PlatformError(PLATFORM, `Bluesky had a server error during ${where} (${status} ${detail}); it will be tried again.`, {
      retryable: true,
      // A PDS can commit the record and fail while answering: a send that got a 5xx is unknown.
      sent: action === 'publish' ? 'unknown' : 'no',
      status,
      cause: error,
    });
  }
  const hint = action === 'read' ? ' Edit the stream if its keywords or language are wrong.' : '';
  return new PlatformError(PLATFORM, `Bluesky refused ${where} (${status} ${detail}).${hint}`, { retryable: false, sent: 'no', status, cause: error });
}
