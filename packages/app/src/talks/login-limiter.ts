/** How many failed sign-ins are allowed in a window, per account name and per client address. */
export interface LoginLimits {
  readonly perAccount: number;
  readonly perAddress: number;
  readonly windowMs: number;
}

/** 5 failures per account name and 20 per address in 15 minutes. */
export const defaultLoginLimits: LoginLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 };

/**
 * Counts failed sign-ins in a sliding window, per account name (whether or not it exists, so the limit does
 * not tell which names do) and per client address. Kept in memory: a restart clears it, which costs an
 * attacker a restart they cannot cause.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits = defaultLoginLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the next attempt is allowed for this name or address, or 0 when it is allowed now. */
  retryAfter(username: string, address: string): number {
    const now = this.now();
    const wait = (key: string, limit: number) => {
      const times = this.recent(key, now);
      return times.length < limit ? 0 : Math.ceil((times[0]! + this.limits.windowMs - now) / 1000);
    };
    return Math.max(
      wait(`account:${username.toLowerCase()}`, this.limits.perAccount),
      wait(`address:${address}`, this.limits.perAddress),
    );
  }

  /** Records a failed attempt. */
  fail(username: string, address: string): void {
    const now = this.now();
    for (const key of [`account:${username.toLowerCase()}`, `address:${address}`]) {
      this.failures.set(key, [...this.recent(key, now), now]);
    }
    if (this.failures.size > 10_000) this.prune(now);
  }

  /** A successful sign-in clears the account's failures (not the address's). */
  succeed(username: string): void {
    this.failures.delete(`account:${username.toLowerCase()}`);
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
