/**
 * The fake X's rate limits: a window per route (X's per-15-minute numbers) and the account's
 * 24-hour posting cap, with the headers X sends of each.
 */

export type FakeXRoute = 'search' | 'mentions' | 'userTweets' | 'me' | 'createPost' | 'getPost';

export const ONE_DAY = 24 * 3600_000;
const FIFTEEN_MINUTES = 15 * 60_000;
/** X's published per-user limits for these endpoints, per 15 minutes. */
const DEFAULT_LIMITS: Record<FakeXRoute, number> = {
  search: 450,
  mentions: 450,
  userTweets: 900,
  me: 75,
  createPost: 100,
  getPost: 900,
};

export interface RateWindowOptions {
  rateLimits?: Partial<Record<FakeXRoute, { limit: number; windowMs: number }>>;
  postingCap?: { limit: number; windowMs?: number };
}

export class XRateWindows {
  private readonly windows = new Map<FakeXRoute, { limit: number; windowMs: number; used: number; resetAt: number }>();
  private postingCap: { limit: number; windowMs: number; used: number; resetAt: number };

  constructor(
    private readonly now: () => number,
    options: RateWindowOptions = {},
  ) {
    for (const route of Object.keys(DEFAULT_LIMITS) as FakeXRoute[]) {
      const custom = options.rateLimits?.[route];
      this.windows.set(route, { limit: custom?.limit ?? DEFAULT_LIMITS[route], windowMs: custom?.windowMs ?? FIFTEEN_MINUTES, used: 0, resetAt: 0 });
    }
    this.postingCap = { limit: options.postingCap?.limit ?? 100, windowMs: options.postingCap?.windowMs ?? ONE_DAY, used: 0, resetAt: 0 };
  }

  setRateLimit(route: FakeXRoute, limit: { limit: number; windowMs: number }): void {
    this.windows.set(route, { ...limit, used: 0, resetAt: 0 });
  }

  /**
   * Sets the account's 24-hour posting cap: `limit` posts per window, `used` of them already
   * made in the window that resets at `resetAt` (a new window starts then).
   */
  setPostingCap(cap: { limit: number; used?: number; resetAt?: Date; windowMs?: number }): void {
    const windowMs = cap.windowMs ?? this.postingCap.windowMs;
    this.postingCap = { limit: cap.limit, windowMs, used: cap.used ?? 0, resetAt: cap.resetAt?.getTime() ?? this.now() + windowMs };
  }

  /** The route's current window (a new one once the last has reset). */
  window(route: FakeXRoute) {
    const w = this.windows.get(route)!;
    if (this.now() >= w.resetAt) {
      w.used = 0;
      w.resetAt = this.now() + w.windowMs;
    }
    return w;
  }

  rateHeaders(route: FakeXRoute | null): Record<string, string> {
    const w = route ? this.window(route) : { limit: 0, used: 0, resetAt: this.now() + FIFTEEN_MINUTES };
    return {
      'x-rate-limit-limit': String(w.limit),
      'x-rate-limit-remaining': String(Math.max(0, w.limit - w.used)),
      'x-rate-limit-reset': String(Math.ceil(w.resetAt / 1000)),
    };
  }

  /** The posting cap's current window. */
  capWindow() {
    const cap = this.postingCap;
    if (this.now() >= cap.resetAt) {
      cap.used = 0;
      cap.resetAt = this.now() + cap.windowMs;
    }
    return cap;
  }

  /** X sends the account's 24-hour posting cap with every answer to POST /2/tweets. */
  capHeaders(): Record<string, string> {
    const cap = this.capWindow();
    return {
      'x-user-limit-24hour-limit': String(cap.limit),
      'x-user-limit-24hour-remaining': String(Math.max(0, cap.limit - cap.used)),
      'x-user-limit-24hour-reset': String(Math.ceil(cap.resetAt / 1000)),
    };
  }

  /** Whether the account has used up its 24-hour posting cap. */
  capReached(): boolean {
    return this.capWindow().used >= this.postingCap.limit;
  }
}
