import { createRoute, z } from '@hono/zod-openapi';
import { requireUser } from '../auth/session.ts';
import type { Api, Services } from '../context.ts';
import { jsonResponse, KeySchema, problemResponse } from '../schemas/common.ts';
import { ThreadWatchSchema } from '../schemas/notification.ts';
import { isWatching, setWatching } from '../store/watches.ts';

const ThreadParam = z.object({
  key: KeySchema.openapi({ description: 'The thread key, percent-encoded as one path segment.', example: 'page:/news/kantine' }),
});

const problems = {
  400: problemResponse('A malformed key.'),
  401: problemResponse('Nobody is signed in.'),
} as const;

const route = (method: 'get' | 'put' | 'delete', operationId: string, summary: string) =>
  createRoute({
    method,
    path: '/threads/{key}/watch',
    operationId,
    tags: ['notifications'],
    summary,
    description:
      'A watcher hears of every new comment in the thread (notification kind `comment`, following the `reply` setting). ' +
      'Writing a comment watches its thread; unwatching lasts until you write there again.',
    request: { params: ThreadParam },
    responses: {
      200: jsonResponse(ThreadWatchSchema, 'Whether you watch the thread (afterwards).'),
      ...problems,
      ...(method === 'get' ? {} : { 403: problemResponse('The request came from an origin that may not write.'), 429: problemResponse('Too many requests; see `Retry-After`.') }),
    },
  });

/**
 * Watching a thread, per person. Its own resource rather than a field of the
 * thread page: that page is built once for every reader and cached
 * (ThreadCache, decision 170), so a per-reader flag would split the cache.
 */
export function registerWatchRoutes(api: Api, { db }: Services): void {
  api.openapi(route('get', 'getThreadWatch', 'Whether you watch a thread'), async (c) => {
    const user = requireUser(c);
    c.header('Cache-Control', 'private, no-store');
    return c.json(await isWatching(db, c.req.valid('param').key, user.person.id), 200);
  });
  api.openapi(route('put', 'watchThread', 'Watch a thread: hear of every new comment'), async (c) => {
    const user = requireUser(c);
    return c.json(await db.transaction((tx) => setWatching(tx, c.req.valid('param').key, user.person.id, true)), 200);
  });
  api.openapi(route('delete', 'unwatchThread', 'Stop watching a thread'), async (c) => {
    const user = requireUser(c);
    return c.json(await db.transaction((tx) => setWatching(tx, c.req.valid('param').key, user.person.id, false)), 200);
  });
}
