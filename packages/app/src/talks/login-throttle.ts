import { createHash } from 'node:crypto';
import { type Database, TalksLimitsRepository } from '@lockstep/store';

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
 * Counts failed sign-ins in memory and says how long the next attempt must wait (the rule; the server counts
 * in the database with `StoredLoginThrottle`, which applies the same rule). A browser holding a valid
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
    return waitOf(
      this.delay(accountKey(username), this.limits.freePerAccount, now),
      this.delay(addressKey(address), this.limits.freePerAddress, now),
    );
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
    return delayAfter(times.length, times.at(-1), free, this.limits, now);
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

/**
 * The rule both throttles apply to one counter: milliseconds still to wait after `count` failures in the
 * window, the newest at `lastMs`.
 */
export function delayAfter(
  count: number,
  lastMs: number | undefined,
  free: number,
  limits: LoginLimits,
  now: number,
): number {
  if (count < free || lastMs === undefined) return 0;
  const doublings = Math.min(count - free, 30);
  const wait = Math.min(limits.firstDelayMs * 2 ** doublings, limits.maxDelayMs);
  return lastMs + wait - now;
}

/** The wait of an attempt from the delays of its two counters. */
function waitOf(account: number, fromAddress: number): { seconds: number; by?: 'account' | 'address' } {
  const longest = Math.max(account, fromAddress);
  if (longest <= 0) return { seconds: 0 };
  return { seconds: Math.ceil(longest / 1000), by: account >= fromAddress ? 'account' : 'address' };
}

const accountKey = (username: string) => `account:${username.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
const hashed = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** An attempt let through by `StoredLoginThrottle.attempt`, counted as a failure until it is known not to be one. */
export interface CountedAttempt {
  readonly username: string;
  readonly rowIds: readonly string[];
  /** The id of the address's row: a sign-in that works takes it back (the account's are all cleared). */
  readonly addressRowId: string | undefined;
}

/**
 * The sign-in throttle of `LoginThrottle`, its counts kept in the database (migration 0012), so that every
 * server on it counts the same failures and a restart forgets none. An attempt is checked and, when it may
 * go ahead, counted as a failure in one transaction that locks its two counters (`attempt`): attempts sent
 * at once, to this server or another, each see those before them, so none slips past the limit while the
 * password is checked. An attempt that turns out right is taken back (`succeed`, `release`).
 */
export class StoredLoginThrottle {
  constructor(
    private readonly db: Database,
    private readonly limits: LoginLimits = defaultLoginLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Checks an attempt on `username` from `address`: when a counter holds it back, the wait (seconds, and
   * which counter); else it is counted as a failure now, and the attempt to settle later is returned.
   */
  async attempt(
    username: string,
    address: string,
  ): Promise<{ seconds: number; by?: 'account' | 'address'; attempt?: CountedAttempt }> {
    const now = this.now();
    const account = { keyHash: hashed(accountKey(username)), windowMs: this.limits.windowMs };
    const fromAddress = { keyHash: hashed(addressKey(address)), windowMs: this.limits.windowMs };
    return TalksLimitsRepository.locked(
      this.db,
      [account.keyHash, fromAddress.keyHash],
      now,
      async (repo) => {
        const [onAccount, onAddress] = [await repo.count(account, now), await repo.count(fromAddress, now)];
        const wait = waitOf(
          delayAfter(onAccount.count, onAccount.lastMs, this.limits.freePerAccount, this.limits, now),
          delayAfter(onAddress.count, onAddress.lastMs, this.limits.freePerAddress, this.limits, now),
        );
        if (wait.seconds > 0) return wait;
        const rowIds = await repo.add([account, fromAddress], now);
        return { seconds: 0, attempt: { username, rowIds, addressRowId: rowIds[1] } };
      },
    );
  }

  /**
   * The attempt failed: it stays counted, dated now (as `LoginThrottle.fail` dates a failure), so the wait
   * after it runs from when it failed rather than from when it began.
   */
  async fail(attempt: CountedAttempt): Promise<void> {
    await new TalksLimitsRepository(this.db).restamp(attempt.rowIds, this.now());
  }

  /** The attempt was right: the account's failures are cleared and the address's count of it taken back. */
  async succeed(attempt: CountedAttempt): Promise<void> {
    const repo = new TalksLimitsRepository(this.db);
    await repo.clear(hashed(accountKey(attempt.username)));
    if (attempt.addressRowId !== undefined) await repo.remove([attempt.addressRowId]);
  }

  /** The attempt was not a failure after all (nothing was tried): it counts on neither counter. */
  async release(attempt: CountedAttempt): Promise<void> {
    await new TalksLimitsRepository(this.db).remove(attempt.rowIds);
  }
}
