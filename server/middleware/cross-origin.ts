import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { isSafeMethod } from '../methods.ts';
import { ProblemError } from '../problem.ts';
import type { ForwardedHeaders } from '../trusted-proxies.ts';

/**
 * CORS for intranet pages on other origins: only allowlisted origins get
 * `Access-Control-Allow-Origin`, always with credentials because the session
 * is a cookie. The server's own origin needs no CORS at all. `Authorization`
 * carries OIDC bearer tokens (PLAZA_AUTH=oidc).
 */
export function apiCors(allowlist: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowlist);
  const handle = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Content-Type', 'Idempotency-Key', 'Last-Event-ID', 'Authorization'],
    // Scripts on other origins may read only safelisted headers unless told; the client needs these.
    exposeHeaders: ['Idempotent-Replayed', 'Retry-After', 'Content-Disposition', 'Plaza-Event-Id'],
    maxAge: 600,
  });
  // A request without `Origin` (same-origin reads, tools) needs no CORS headers but `Vary`.
  // Hono's cors sets its headers on a response made before the route's own, which then has
  // to be copied into the route's: a measurable share of every read's CPU time.
  return (c, next) => {
    if (c.req.header('origin') !== undefined) return handle(c, next);
    c.header('Vary', 'Origin');
    return next();
  };
}

/**
 * CSRF guard: a state-changing request that names a foreign origin is refused
 * before it reaches a route, even if the browser would have hidden the
 * response from that origin. Browsers send `Origin` on every cross-origin
 * write, so a request without one (curl, a server) is not a forged browser
 * request and passes.
 */
export function refuseForeignWrites(allowlist: readonly string[], forwarded: ForwardedHeaders): MiddlewareHandler {
  const allowed = new Set(allowlist);
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (!isSafeMethod(c.req.method) && origin !== undefined) {
      if (!allowed.has(origin) && !isSameHost(origin, forwarded.host(c))) {
        throw new ProblemError('forbidden', 403, `Requests from ${origin} may not change anything here.`);
      }
    }
    await next();
  };
}

/**
 * Compares hosts, not full origins: behind a TLS-terminating proxy the server
 * sees http:// while the page says https://. The host is `Host`, or
 * `X-Forwarded-Host` from a trusted proxy only (PLAZA_TRUSTED_PROXIES): from
 * anyone else it would let a request name its own origin as ours.
 */
function isSameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false; // `Origin: null` (sandboxed frames, file://) is never ours.
  }
}
