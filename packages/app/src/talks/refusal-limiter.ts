import { createHash } from 'node:crypto';
import { type Database, TalksLimitsRepository } from '@lockstep/store';

/** How many refused requests on papers and relays one user may make in a window before they are throttled. */
export interface RefusalLimits {
  readonly perWindow: number;
  readonly windowMs: number;
}

/** 30 refusals in 10 minutes: far above a user's mistakes, far below a probe (one member made 9,290 in 15 s). */
export const defaultRefusalLimits: RefusalLimits = { perWindow: 30, windowMs: 10 * 60_000 };

/**
 * What to do with one more refused request: `record` it in the audit log; record one entry saying refusals
 * are now being throttled (`first-over`), then answer 429 without recording (`over`), until the window
 * passes. The log keeps who probed and when without being flooded by it.
 */
export type RefusalVerdict =
  | { readonly verdict: 'record' }
  | { readonly verdict: 'first-over' | 'over'; readonly retryAfterSeconds: number };

/** Counts each user's refused requests in a sliding window, in memory (the server uses `StoredRefusalLimiter`). */
export class RefusalLimiter {
  private readonly refusals = new Map<string, number[]>();

  constructor(
    private readonly limits: RefusalLimits = defaultRefusalLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Notes one refusal for `userId` and says what to do with it. */
  note(userId: string): RefusalVerdict {
    const now = this.now();
    const times = (this.refusals.get(userId) ?? []).filter((t) => now - t < this.limits.windowMs);
    times.push(now);
    this.refusals.set(userId, times);
    if (this.refusals.size > 10_000) this.prune(now);
    return verdictOf(times.length, times[times.length - 1 - this.limits.perWindow], this.limits, now);
  }

  private prune(now: number): void {
    for (const [key, times] of this.refusals) {
      if (times.every((t) => now - t >= this.limits.windowMs)) this.refusals.delete(key);
    }
  }
}

/**
 * The rule both limiters apply: `count` refusals in the window (this one included), `oldestCounted` the one
 * `perWindow` places behind the newest.
 */
function verdictOf(
  count: number,
  oldestCounted: number | undefined,
  limits: RefusalLimits,
  now: number,
): RefusalVerdict {
  if (count <= limits.perWindow || oldestCounted === undefined) return { verdict: 'record' };
  const retryAfterSeconds = Math.max(1, Math.ceil((oldestCounted + limits.windowMs - now) / 1000));
  return { verdict: count === limits.perWindow + 1 ? 'first-over' : 'over', retryAfterSeconds };
}

/**
 * The refusal limiter of `RefusalLimiter`, its counts kept in the database (migration 0012): every server on
 * it counts a user's refusals together, and a restart forgets none. Each refusal is counted and judged in one
 * transaction locking the user's counter, so exactly one refusal is `first-over` whichever servers they reach.
 */
export class StoredRefusalLimiter {
  constructor(
    private readonly db: Database,
    private readonly limits: RefusalLimits = defaultRefusalLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Notes one refusal for `userId` and says what to do with it. */
  note(userId: string): Promise<RefusalVerdict> {
    const now = this.now();
    const key = {
      keyHash: createHash('sha256').update(`refusal:${userId}`, 'utf8').digest('hex'),
      windowMs: this.limits.windowMs,
    };
    return TalksLimitsRepository.locked(this.db, [key.keyHash], now, async (repo) => {
      await repo.add([key], now);
      const counted = await repo.count(key, now, this.limits.perWindow);
      return verdictOf(counted.count, counted.nthNewestMs, this.limits, now);
    });
  }
}
