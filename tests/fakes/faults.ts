/**
 * The faults the Reddit and Bluesky fakes can inject, and the queue both keep them in: each
 * fake says which of its requests a fault matches (a method and path, an NSID), the queue
 * says how many matching requests it applies to and how many it lets through first.
 */
export type FakeFault =
  /** Any status with the platform's error body, or `body`. */
  | { kind: 'status'; status: number; body?: unknown }
  /** The platform's 429: remaining 0, reset in `resetSeconds`. */
  | { kind: 'rate-limited'; resetSeconds: number }
  /** Never answers (the connection stays open until the client gives up or the server closes). */
  | { kind: 'hang' }
  /** 200 with a body that is not JSON. */
  | { kind: 'malformed-json' }
  /** 200 (or `status`) with this JSON body, whatever the endpoint: wrong shapes. */
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
}

/** The page a proxy in front of a platform answers with when the platform is down. */
export function htmlErrorPage(status: number): string {
  const title = `${status} ${STATUS_TITLES[status] ?? 'Error'}`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>\n`;
}

const STATUS_TITLES: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };
