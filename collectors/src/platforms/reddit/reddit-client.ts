/**
 * The part of a Reddit client the adapter uses, shaped after snoowrap 1.23 (see
 * create-snoowrap-client.ts). Everything it returns is `unknown` on purpose: the adapter
 * validates each answer with zod, so nothing here has to trust the library's types.
 *
 * To replace snoowrap, write another file that returns an object with these members. The
 * shapes the adapter expects back are in reddit-payloads.ts.
 */
export interface RedditClient {
  /**
   * One request to Reddit's OAuth API, e.g. `{ uri: 'r/a+b/comments', method: 'get', qs: { limit: 100 } }`.
   * Resolves with the JSON answer; a Listing comes back as an array of things that also has
   * `isFinished` (true when Reddit's `after` was null).
   */
  oauthRequest(options: {
    uri: string;
    method: 'get' | 'post';
    qs?: Record<string, string | number>;
    form?: Record<string, string>;
  }): PromiseLike<unknown>;
  /** A submission by fullname (`t3_…`) or id, not fetched; `reply` posts a comment under it. */
  getSubmission(id: string): { reply(text: string): PromiseLike<unknown> };
  /** A comment by fullname (`t1_…`) or id, not fetched; `reply` posts a comment under it. */
  getComment(id: string): { reply(text: string): PromiseLike<unknown> };
  /** From the last answer's `x-ratelimit-remaining`; null before the first request. */
  readonly ratelimitRemaining: number | null;
  /** Epoch milliseconds when the current rate-limit window resets; null before the first request. */
  readonly ratelimitExpiration: number | null;
}
