import { createHash } from 'node:crypto';
import type { JobBus, Logger } from '@earshot/db';

type Redis = ReturnType<JobBus['connect']>;

export interface SignInLimits {
  /**
   * Failed sign-ins for one account from one address within the window before that address
   * is refused for that account. Per address too, so a guesser cannot lock the real user out.
   */
  perAccount: number;
  /** Failed sign-ins from one address, whatever the account, within the window. */
  perAddress: number;
  /**
   * Failed sign-ins for one account from all addresses within the window after which every
   * further try waits: 1 s, then 2, 4, … up to `maxDelaySeconds`. A delay, never a lock-out, so
   * guessing from many addresses slows to a crawl while the real user still gets in.
   */
  perAccountEverywhere: number;
  maxDelaySeconds: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perAccount: 10,
  perAddress: 100,
  perAccountEverywhere: 20,
  maxDelaySeconds: 60,
  windowSeconds: 15 * 60,
};

/**
 * Counts failed sign-ins per account and address, and per address, in Redis (fixed windows),
 * so password guessing is slowed across every web process. A success clears the account's
 * count from that address. Behind a reverse proxy every client has the proxy's address
 * unless Fastify is told to trust it.
 * If Redis does not answer, sign-in is not blocked (logged): locking everyone out while Redis
 * restarts would be worse than a short unthrottled spell. Failures are logged by the caller.
 */
export class SignInThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
  ) {}

  /** Seconds until this account or address may try again; 0 when it may now. */
  async blockedFor(email: string, address: string): Promise<number> {
    try {
      const [account, from, delay] = [this.accountKey(email, address), this.addressKey(address), this.delayKey(email)];
      const [[, a], [, aTtl], [, f], [, fTtl], [, dPttl]] = (await this.redis
        .multi()
        .get(account)
        .ttl(account)
        .get(from)
        .ttl(from)
        .pttl(delay)
        .exec()) as [[unknown, string | null], [unknown, number], [unknown, string | null], [unknown, number], [unknown, number]];
      let wait = 0;
      if (Number(a ?? 0) >= this.limits.perAccount) wait = Math.max(wait, aTtl);
      if (Number(f ?? 0) >= this.limits.perAddress) wait = Math.max(wait, fTtl);
      if (dPttl > 0) wait = Math.max(wait, Math.ceil(dPttl / 1000));
      return Math.max(wait, 0);
    } catch (error) {
      this.logger.warn('sign-in throttle unavailable; not limiting', { error: (error as Error).message });
      return 0;
    }
  }

  async failed(email: string, address: string): Promise<void> {
    try {
      const ttl = this.limits.windowSeconds;
      const account = this.accountKey(email, address);
      const from = this.addressKey(address);
      const everywhere = this.everywhereKey(email);
      const results = await this.redis
        .multi()
        .incr(account)
        .expire(account, ttl, 'NX')
        .incr(from)
        .expire(from, ttl, 'NX')
        .incr(everywhere)
        .expire(everywhere, ttl, 'NX')
        .exec();
      const failures = Number(results?.[4]?.[1] ?? 0);
      const over = failures - this.limits.perAccountEverywhere;
      if (over >= 0) {
        const seconds = Math.min(2 ** Math.min(over, 16), this.limits.maxDelaySeconds);
        await this.redis.set(this.delayKey(email), '1', 'EX', seconds);
      }
    } catch (error) {
      this.logger.warn('sign-in throttle unavailable; failure not counted', { error: (error as Error).message });
    }
  }

  async succeeded(email: string, address: string): Promise<void> {
    await this.redis.del(this.accountKey(email, address)).catch(() => undefined);
  }

  private accountKey(email: string, address: string): string {
    return `${this.prefix}:sign-in:account:${hashEmail(email)}:${address}`;
  }

  private everywhereKey(email: string): string {
    return `${this.prefix}:sign-in:account-everywhere:${hashEmail(email)}`;
  }

  private delayKey(email: string): string {
    return `${this.prefix}:sign-in:account-delay:${hashEmail(email)}`;
  }

  private addressKey(address: string): string {
    return `${this.prefix}:sign-in:address:${address}`;
  }
}

/** Hashed: Redis holds no email addresses. */
function hashEmail(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}
