import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { isSafeMethod } from './methods.ts';
import { peerKey } from './peer-address.ts';
import { ProblemError } from './problem.ts';

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

/**
 * Limits signed-in users: all requests (`rateLimit`) and writes
 * (`writeRateLimit`) per minute; and requests of people not signed in per
 * address (`anonymousRateLimit`), so anonymous pollers cannot slow everyone
 * else's reads. 0 turns a limit off. Behind a reverse proxy every anonymous
 * reader shares the proxy's address: there the limit is for all of them
 * together (docs/server.md).
 */
export function rateLimits(options: { rateLimit: number; writeRateLimit: number; anonymousRateLimit: number }): MiddlewareHandler<AppEnv> {
  const all = options.rateLimit > 0 ? new RateLimiter(options.rateLimit) : null;
  const writes = options.writeRateLimit > 0 ? new RateLimiter(options.writeRateLimit) : null;
  const anonymous = options.anonymousRateLimit > 0 ? new RateLimiter(options.anonymousRateLimit) : null;
  return async (c, next) => {
    const userId = c.get('user')?.person.id;
    const wait =
      userId === undefined
        ? (anonymous?.take(peerKey(c)) ?? 0)
        : all?.take(userId) || (!isSafeMethod(c.req.method) && writes?.take(userId)) || 0;
    if (wait > 0) {
      throw new ProblemError('rateLimited', 429, `Too many requests; try again in ${wait} s.`).with({}, { 'Retry-After': String(wait) });
    }
    await next();
  };
}
