import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { MalformedPayloadError, PlatformError, RateLimitedError } from '../errors.ts';

/** When X gives no reset time with a 429, wait out a whole window. */
const DEFAULT_RATE_WINDOW_MS = 15 * 60_000;
/** Connection errors that happen before a request leaves this machine: it cannot have arrived. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_INVALID_URL']);

export type XAction = 'read' | 'publish';

/**
 * X refused a recent-search position as older than the seven days it keeps (400 on
 * `since_id`, `until_id` or `start_time`). The adapter answers it by reading from a time
 * inside the window; it only reaches the pipeline if that fails too.
 */
export class XSearchWindowError extends PlatformError {}

const WINDOW_PARAMETERS = new Set(['since_id', 'until_id', 'start_time']);

/** Whether a 400 names a position parameter (and is not about mixing ids with times, which is a bug here). */
function refusesSearchWindow(error: ApiResponseError): boolean {
  const errors = (error.data as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return false;
  return errors.some((e: unknown) => {
    if (typeof e !== 'object' || e === null) return false;
    const { parameters, message } = e as { parameters?: unknown; message?: unknown };
    if (typeof message === 'string' && /in conjunction with/i.test(message)) return false;
    return typeof parameters === 'object' && parameters !== null && Object.keys(parameters).some((k) => WINDOW_PARAMETERS.has(k));
  });
}

function problemText(error: ApiResponseError): string {
  const data = error.data as { detail?: unknown; title?: unknown; errors?: { message?: unknown }[] } | undefined;
  const parts = [data?.detail, data?.title, data?.errors?.[0]?.message].filter((p): p is string => typeof p === 'string' && p.length > 0);
  return parts[0] ?? `HTTP ${error.code}`;
}

function problemType(error: ApiResponseError): string {
  const type = (error.data as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type : '';
}

export function postingCapMessage(limit: number, resetAt: Date): string {
  return `X's 24-hour posting cap for this account (${limit} posts) is used up; it resets at ${resetAt.toISOString()}.`;
}

/**
 * Turns whatever twitter-api-v2 threw into the errors the pipeline understands (errors.ts).
 * `where` names what was being read or sent, for the messages.
 */
export function toXError(error: unknown, action: XAction, where: string, now: () => number = Date.now): Error {
  if (error instanceof RateLimitedError || error instanceof PlatformError || error instanceof MalformedPayloadError) return error;
  const sentIfAnswered = 'no' as const;

  if (error instanceof ApiResponseError) {
    const status = error.code;
    const detail = problemText(error);
    const type = problemType(error);
    if (status === 429) {
      if (type.endsWith('/usage-capped')) {
        return new PlatformError('x', `X refused ${where}: the app's usage cap is reached (${detail}). Nothing more can be read or posted until the cap resets or the X plan is raised.`, {
          retryable: false,
          sent: sentIfAnswered,
          status,
          cause: error,
        });
      }
      const reset = error.rateLimit?.reset;
      const windowReset = reset && Number.isFinite(reset) && reset > 0 ? reset * 1000 : now() + DEFAULT_RATE_WINDOW_MS;
      // A post refused by the account's 24-hour cap waits for the cap, not for the 15-minute window.
      const day = error.rateLimit?.userDay;
      if (day && day.remaining <= 0 && Number.isFinite(day.reset) && day.reset > 0) {
        const resetAt = new Date(Math.max(windowReset, day.reset * 1000));
        return new RateLimitedError('x', resetAt, postingCapMessage(day.limit, new Date(day.reset * 1000)));
      }
      const resetAt = new Date(windowReset);
      return new RateLimitedError('x', resetAt, `X rate limit reached for ${where}; it resets at ${resetAt.toISOString()}.`);
    }
    if (status === 401) {
      return new PlatformError('x', `X rejected the credentials (401 Unauthorized) for ${where}. Check the X API key, API secret, access token and access token secret in Settings; they may have been regenerated or revoked.`, {
        retryable: false,
        sent: sentIfAnswered,
        status,
        cause: error,
      });
    }
    if (status === 403) {
      let message: string;
      if (/deleted or not visible/i.test(detail)) {
        message = `The post being answered was deleted or is no longer visible on X, so the reply cannot be posted (${detail}).`;
      } else if (/text is too long/i.test(detail)) {
        message = `X refused the reply as too long (${detail}). X allows 280, counting every link as 23 and emoji and Chinese, Japanese or Korean characters as 2: shorten it.`;
      } else if (/duplicate content/i.test(detail)) {
        message = `X refused the reply as a duplicate of a post the account already made (${detail}). Change its wording to post it.`;
      } else if (type.endsWith('/unsupported-authentication')) {
        message = `X refused ${where}: it needs user-context credentials (API key and secret with an access token and secret), and only a bearer token is configured. Add the access token in Settings.`;
      } else if (type.endsWith('/client-forbidden')) {
        message = `X refused ${where}: the app is not attached to a project with API v2 access (${detail}). Attach it in the X developer portal.`;
      } else {
        message = `X refused ${where} (403 Forbidden: ${detail}). Check the credentials in Settings: the app needs read and write permission, and its access level must include this endpoint.`;
      }
      return new PlatformError('x', message, { retryable: false, sent: sentIfAnswered, status, cause: error });
    }
    if (status >= 500) {
      // X has been known to store a post and still answer 5xx: a send that got one is unknown.
      return new PlatformError('x', `X had a server error (${status}: ${detail}) during ${where}; it will be tried again.`, {
        retryable: true,
        sent: action === 'publish' ? 'unknown' : 'no',
        status,
        cause: error,
      });
    }
    if (status === 400 && action === 'read' && refusesSearchWindow(error)) {
      const said = (error.data as { errors?: { message?: unknown }[] } | undefined)?.errors?.[0]?.message;
      return new XSearchWindowError('x', `X refused ${where}: the position is older than the 7 days recent search keeps (${typeof said === 'string' ? said : detail}).`, {
        retryable: false,
        sent: sentIfAnswered,
        status,
        cause: error,
      });
    }
    const hint = action === 'read' ? ' Edit the stream if its query or account id is wrong.' : '';
    return new PlatformError('x', `X refused ${where} (${status}: ${detail}).${hint}`, { retryable: false, sent: sentIfAnswered, status, cause: error });
  }

  if (error instanceof ApiPartialResponseError) {
    const status = error.response?.statusCode;
    if (action === 'publish') {
      return new PlatformError('x', `X's answer to ${where} was cut off or unreadable (HTTP ${status ?? '?'}); the reply may have been posted and is checked before any retry.`, {
        retryable: true,
        sent: 'unknown',
        cause: error,
      });
    }
    if (/parse error/.test(error.message)) {
      return new MalformedPayloadError('x', where.replace(/^(a|an|the) /, ''), `the body is not valid JSON (HTTP ${status ?? '?'})`);
    }
    return new PlatformError('x', `X's answer to ${where} was cut off (HTTP ${status ?? '?'}); it will be tried again.`, { retryable: true, cause: error });
  }

  if (error instanceof ApiRequestError) {
    const cause = error.requestError as NodeJS.ErrnoException | undefined;
    const reason = cause?.code ?? cause?.message ?? 'no answer';
    const neverSent = cause?.code !== undefined && NEVER_SENT.has(cause.code);
    if (action === 'publish' && !neverSent) {
      return new PlatformError('x', `No answer from X to ${where} (${reason}); the reply may have been posted and is checked before any retry.`, {
        retryable: true,
        sent: 'unknown',
        cause: error,
      });
    }
    return new PlatformError('x', `Could not reach X for ${where} (${reason}); it will be tried again.`, { retryable: true, sent: 'no', cause: error });
  }

  return error instanceof Error ? error : new Error(String(error));
}
