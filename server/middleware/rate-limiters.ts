/** Above this many tracked users, buckets that are full again are dropped (they hold no information). */
const SWEEP_ABOVE = 10_000;

/**
 * A token bucket per user: `perMinute` requests as a burst, refilled evenly
 * over the minute. A burst of page loads passes; a script hammering the API
 * is slowed to the refill rate. Kept in memory: with several instances each
 * counts on its own, so the effective limit is per instance.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(private readonly perMinute: number) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes one token for `key`: 0 when allowed, otherwise the seconds until a token is back. */
  take(key: string, now = Date.now()): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (!this.buckets.has(key)) {
      if (this.buckets.size >= SWEEP_ABOVE) this.sweep(now);
      this.buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }

  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
  }
}

/** The buckets `rateLimits` takes from; null where a limit is off. Built once per server (start.ts, `createServices`). */
export interface RateLimiters {
  all: RateLimiter | null;
  writes: RateLimiter | null;
  anonymous: RateLimiter | null;
}

/** One bucket set per limit that is on (0 turns it off). */
export function createRateLimiters(options: { rateLimit: number; writeRateLimit: number; anonymousRateLimit: number }): RateLimiters {
  const limiter = (perMinute: number) => (perMinute > 0 ? new RateLimiter(perMinute) : null);
  return { all: limiter(options.rateLimit), writes: limiter(options.writeRateLimit), anonymous: limiter(options.anonymousRateLimit) };
}
