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

/** Counts each user's refused requests in a sliding window, in memory. */
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
    if (times.length <= this.limits.perWindow) return { verdict: 'record' };
    const oldestCounted = times[times.length - 1 - this.limits.perWindow]!;
    const retryAfterSeconds = Math.max(1, Math.ceil((oldestCounted + this.limits.windowMs - now) / 1000));
    return { verdict: times.length === this.limits.perWindow + 1 ? 'first-over' : 'over', retryAfterSeconds };
  }

  private prune(now: number): void {
    for (const [key, times] of this.refusals) {
      if (times.every((t) => now - t >= this.limits.windowMs)) this.refusals.delete(key);
    }
  }
}
