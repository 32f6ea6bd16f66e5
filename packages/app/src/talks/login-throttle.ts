/**
 * How failed sign-ins slow further attempts. Failures are counted per account name (existing or not, so the
 * answer does not tell which names exist) and per client address, over `windowMs`. The first `free*`
 * failures cost nothing; after them each attempt must wait `firstDelayMs`, doubled with every further
 * failure, up to `maxDelayMs`. Nothing ever locks: the wait is bounded and shrinks as failures age.
 */
export interface LoginLimits {
  readonly freePerAccount: number;
  readonly freePerAddress: number;
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  readonly windowMs: number;
}

/**
 * 5 free failures per account and 20 per address in an hour, then 1 s, 2 s, 4 s ... up to 15 minutes: about
 * 15 guesses an hour at one account, while its owner, signing in from a browser that signed in before (a
 * device cookie), is not slowed at all.
 */
export const defaultLoginLimits: LoginLimits = {
  freePerAccount: 5,
  freePerAddress: 20,
  firstDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  windowMs: 60 * 60_000,
};

/** Which counters an attempt is held to: both for an unknown browser, none for a device of that account. */
export type AttemptKind = 'untrusted' | 'trusted-device';

/**
 * Counts failed sign-ins in memory and says how long the next attempt must wait. A browser holding a valid
 * device cookie for the account is not held to these counters (OWASP's device-cookie defence): someone
 * guessing at an account, or failing from the same address (a shared proxy), slows only browsers the account
 * has never signed in from, so the counters cannot be used to keep the owner out.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits = defaultLoginLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Seconds until an attempt on `username` from `address` may be made, 0 when it may be made now, with the
   * counter that holds it back.
   */
  wait(username: string, address: string): { seconds: number; by?: 'account' | 'address' } {
    const now = this.now();
    const account = this.delay(accountKey(username), this.limits.freePerAccount, now);
    const fromAddress = this.delay(addressKey(address), this.limits.freePerAddress, now);
    const longest = Math.max(account, fromAddress);
    if (longest <= 0) return { seconds: 0 };
    return { seconds: Math.ceil(longest / 1000), by: account >= fromAddress ? 'account' : 'address' };
  }

  /** Records a failed attempt from an unknown browser against the account and the address. */
  fail(username: string, address: string): void {
    const now = this.now();
    for (const key of [accountKey(username), addressKey(address)]) {
      this.failures.set(key, [...this.recent(key, now), now]);
    }
    if (this.failures.size > 10_000) this.prune(now);
  }

  /** A successful sign-in clears the account's failures (not the address's). */
  succeed(username: string): void {
    this.failures.delete(accountKey(username));
  }

  /** Milliseconds still to wait on one counter. */
  private delay(key: string, free: number, now: number): number {
    const times = this.recent(key, now);
    if (times.length < free) return 0;
    const doublings = Math.min(times.length - free, 30);
    const wait = Math.min(this.limits.firstDelayMs * 2 ** doublings, this.limits.maxDelayMs);
    return times.at(-1)! + wait - now;
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.limits.windowMs);
  }

  private prune(now: number): void {
    for (const key of this.failures.keys()) {
      if (this.recent(key, now).length === 0) this.failures.delete(key);
    }
  }
}

const accountKey = (username: string) => `account:${username.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
