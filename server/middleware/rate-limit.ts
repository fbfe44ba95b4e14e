import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { isSafeMethod } from '../methods.ts';
import { peerKey } from '../peer-address.ts';
import { ProblemError } from '../problem.ts';
import type { RateLimiters } from './rate-limiters.ts';

/**
 * Limits signed-in users: all requests (`rateLimit`) and writes
 * (`writeRateLimit`) per minute; and requests of people not signed in per
 * address (`anonymousRateLimit`), so anonymous pollers cannot slow everyone
 * else's reads. 0 turns a limit off. Behind a reverse proxy every anonymous
 * reader shares the proxy's address: there the limit is for all of them
 * together (docs/server.md).
 */
export function rateLimits({ all, writes, anonymous }: RateLimiters): MiddlewareHandler<AppEnv> {
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
