import type { MiddlewareHandler } from 'hono';

/**
 * What every API answer says to caches unless its route says otherwise: API
 * answers depend on who asks (`/me`, `followedByMe`, `mine`, the
 * `following` feed, what a moderator may see), and a signed-out answer kept
 * by a proxy or the browser would be as wrong for a signed-in colleague as
 * the other way round. Thread pages send `private, no-cache` with an ETag
 * instead (decision 45), so browsers revalidate and get 304s.
 */
export const API_CACHE_CONTROL = 'private, no-store';

/**
 * The API's default Cache-Control, set on the route's own response after it
 * ran (a header set through Hono after the handler would copy the response,
 * decision 51); errors and 404s included.
 */
export function privateByDefault(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.res.headers.set('Cache-Control', API_CACHE_CONTROL);
  };
}

/**
 * Pages Plaza serves itself (the demo, the API reference, the library's
 * files): browsers send their address only to the same origin. Intranet
 * addresses (`/news/2026/restructuring`) are internal information, and
 * nothing of Plaza's needs a `Referer`: the API's cross-origin checks use
 * `Origin`, which fetch requests in CORS mode always carry.
 */
export const REFERRER_POLICY = 'same-origin';
