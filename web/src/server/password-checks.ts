import { AppError } from '@earshot/db';
import { hashPassword, verifyPassword } from './passwords.ts';

/**
 * Bounds the password checks running at once. scrypt is deliberately expensive: eighty parallel
 * wrong guesses used to make a real sign-in wait 11 s. Each address gets one check at a time (a
 * second is refused at once), and past `maxWaiting` queued checks everyone is asked to retry, so
 * a burst cannot starve the rest of the server.
 */
export class PasswordChecks {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly busyAddresses = new Set<string>();
  /** Checked for unknown emails, so an unknown account costs as long as a wrong password. */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly maxRunning = 2,
    private readonly maxWaiting = 32,
  ) {
    this.dummyHash = hashPassword('not-a-password-of-anyone');
  }

  /** True when `password` matches `stored`; with no stored hash, false after the same work. */
  async verify(address: string, password: string, stored: string | undefined): Promise<boolean> {
    if (this.busyAddresses.has(address)) {
      throw new AppError('RATE_LIMITED', 'A sign-in from this address is already being checked; wait for it to finish.');
    }
    if (this.running >= this.maxRunning && this.waiting.length >= this.maxWaiting) {
      throw new AppError('RATE_LIMITED', 'Too many sign-ins are being checked right now; try again in a few seconds.');
    }
    this.busyAddresses.add(address);
    try {
      if (this.running >= this.maxRunning) await new Promise<void>((resolve) => this.waiting.push(resolve));
      this.running++;
      try {
        const ok = await verifyPassword(password, stored ?? (await this.dummyHash));
        return stored !== undefined && ok;
      } finally {
        this.running--;
        this.waiting.shift()?.();
      }
    } finally {
      this.busyAddresses.delete(address);
    }
  }
}
