/** The platform refused for now; try again at `resetAt`. A stream shows it as rate limited, not failed. */
export class RateLimitedError extends Error {
  constructor(
    readonly platform: string,
    readonly resetAt: Date,
    message?: string,
  ) {
    super(message ?? `${platform} rate limit reached; resets at ${resetAt.toISOString()}`);
    this.name = 'RateLimitedError';
  }
}

/**
 * A platform call failed. `retryable` says whether trying again can help (a 5xx, a timeout)
 * or not (a 403, a deleted post). For publishing, `sent` says whether the post may have
 * been made: 'no' when the platform answered with an error, 'unknown' when the answer
 * was lost (timeout, reset connection), which must be checked before any retry.
 */
export class PlatformError extends Error {
  readonly retryable: boolean;
  readonly sent: 'no' | 'unknown';
  readonly status: number | undefined;
  constructor(
    readonly platform: string,
    message: string,
    options: { retryable: boolean; sent?: 'no' | 'unknown'; status?: number; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = 'PlatformError';
    this.retryable = options.retryable;
    this.sent = options.sent ?? 'no';
    this.status = options.status;
  }
}

/** Platform names as users know them, for messages shown in a stream's health. */
const PLATFORM_NAMES: Record<string, string> = { x: 'X', reddit: 'Reddit', bluesky: 'Bluesky', demo: 'The demo' };

/** The platform answered with something that is not what its API defines. Nothing of it is stored. */
export class MalformedPayloadError extends Error {
  constructor(
    readonly platform: string,
    readonly where: string,
    detail: string,
  ) {
    super(`${PLATFORM_NAMES[platform] ?? platform} sent a malformed ${where}: ${detail}`);
    this.name = 'MalformedPayloadError';
  }
}
