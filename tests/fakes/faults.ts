/**
 * The faults every fake platform (X, Reddit, Bluesky) can inject, and the queue they keep them
 * in: each fake says which of its requests a fault matches (a route, a method and path, an
 * NSID), the queue says how many matching requests it applies to and how many it lets through
 * first. The same word means the same thing on every fake; each answers in its platform's
 * own error shapes.
 */
export type FakeFault =
  /** Any status with the platform's error body, or `body`. */
  | { kind: 'status'; status: number; body?: unknown }
  /**
   * The platform's 429: remaining 0, reset in `resetSeconds` or at `resetAt` (an exact instant,
   * for tests that check it to the second). The X fake, as X does, also keeps the route's window
   * used up until then, so the requests after it get 429 too.
   */
  | { kind: 'rate-limited'; resetSeconds: number }
  | { kind: 'rate-limited'; resetAt: Date }
  /** Never answers (the connection stays open until the client gives up or the server closes). */
  | { kind: 'hang' }
  /**
   * 200 with a body that is not JSON. On a write the X fake carries the request out first (the
   * reply IS created, its answer is cut off); Reddit's and Bluesky's answer before doing anything.
   */
  | { kind: 'malformed-json' }
  /**
   * 200 (or `status`) with this JSON body, whatever the endpoint: wrong shapes. On a write, as
   * for `malformed-json`, the X fake carries the request out first.
   */
  | { kind: 'body'; body: unknown; status?: number }
  /**
   * Handles the request (a reply IS created) and never delivers the answer: drops the
   * connection (`mode: 'reset'`, default) or keeps it silent until the client times out.
   */
  | { kind: 'drop-response'; mode?: 'reset' | 'hang' }
  /** Drops the connection before doing anything. */
  | { kind: 'reset' }
  /** Answers as usual, after `delayMs` (a platform answering slowly). */
  | { kind: 'slow'; delayMs: number }
  /** `status` (default 502) with an HTML error page, as a proxy in front of the platform sends. */
  | { kind: 'html'; status?: number };

/** How often a queued fault applies, besides which requests it matches. */
export interface FaultCount {
  /** How many matching requests it applies to; default 1 (Infinity: every one until cleared). */
  times?: number;
  /** Matching requests to let through first (e.g. 1 = fail the second page, not the first). */
  skip?: number;
}

/** Faults in the order queued; the first whose match accepts a request applies to it. */
export class FaultQueue<M extends FaultCount> {
  private readonly queued: { fault: FakeFault; match: M; left: number; skip: number }[] = [];

  push(fault: FakeFault, match: M): void {
    this.queued.push({ fault, match, left: match.times ?? 1, skip: match.skip ?? 0 });
  }

  /** The fault for a request, if one applies; `accepts` says whether a fault's match covers the request. */
  take(accepts: (match: M) => boolean): FakeFault | null {
    const i = this.queued.findIndex((f) => f.left > 0 && accepts(f.match));
    if (i < 0) return null;
    const f = this.queued[i]!;
    if (f.skip > 0) {
      f.skip--;
      return null;
    }
    f.left--;
    if (f.left === 0) this.queued.splice(i, 1);
    return f.fault;
  }

  clear(): void {
    this.queued.splice(0);
  }

  /** How many faults are still waiting for a request. */
  get pending(): number {
    return this.queued.length;
  }
}

/** Seconds until a `rate-limited` fault's reset, from `now` (epoch ms). */
export function resetSecondsOf(fault: Extract<FakeFault, { kind: 'rate-limited' }>, now = Date.now()): number {
  return 'resetAt' in fault ? Math.max(0, Math.ceil((fault.resetAt.getTime() - now) / 1000)) : fault.resetSeconds;
}

/** The page a proxy in front of a platform answers with when the platform is down. */
export function htmlErrorPage(status: number): string {
  const title = `${status} ${STATUS_TITLES[status] ?? 'Error'}`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>\n`;
}

const STATUS_TITLES: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };
