import type { MiddlewareHandler } from 'hono';
import { readAccessFor } from '../config/privacy.ts';
import type { PlazaOptions } from '../config.ts';
import type { AppEnv } from '../context.ts';
import { ProblemError } from '../problem.ts';

/**
 * What answers a person who is not signed in even with
 * `PLAZA_READ_ACCESS=signed-in`, in one place, each with its reason.
 * Everything else under `/api/v1` that reads (GET, HEAD) answers 401
 * `sign-in-to-read`, and so does adding topics to an event stream (it replays
 * events). Writes need sign-in in every mode already (their own 401).
 * test/server/read-access-walk.test.ts walks every GET route of the OpenAPI
 * document, so a new route is classified before its test passes.
 */
export const OPEN_API_READS: ReadonlyArray<{ path: string; why: string }> = [
  { path: '/me', why: 'tells whether anyone is signed in (user null) and what they may do, so an element can show "sign in" instead of an error' },
  { path: '/openapi.json', why: 'the protocol\'s description: routes and shapes, no data' },
  { path: '/unsubscribe', why: 'a notification mail\'s unsubscribe link works signed out (decision 175): its signed token names the person and the kind, and without one it shows nothing' },
  { path: '/dev/users', why: 'the dev sign-in\'s user switcher, only with PLAZA_AUTH=dev (a demo): it is how one signs in there' },
];

/** Outside `/api/v1` (app.ts): none of these reads Plaza's data, so none needs sign-in. */
export const OPEN_OUTSIDE_API: ReadonlyArray<{ path: string; why: string }> = [
  { path: '/healthz', why: 'load balancers and monitoring probe it without a person; it says up or down and nothing about anyone' },
  { path: '/api/docs', why: 'the API reference renders the OpenAPI document: routes and shapes, no data' },
  { path: '/dist/*', why: 'the library (and the classic script): a page needs the elements to show even their "sign in" state' },
  { path: '/demo/*', why: 'the demo site\'s static pages; what they show comes from the API, under the rule' },
];

const API_PREFIX = '/api/v1';
const OPEN = new Set(OPEN_API_READS.map((route) => route.path));
/** `POST /events/{stream}/topics`: a write in form, a read in effect (it replays a topic's events). */
const STREAM_TOPICS = /^\/events\/[^/]+\/topics$/;

/** `PLAZA_READ_ACCESS=signed-in`: reads without a signed-in person get 401 problem+json; `public`: nothing to do. */
export function readAccess(options: Pick<PlazaOptions, 'auth' | 'readAccess'>): MiddlewareHandler<AppEnv> {
  const signedIn = readAccessFor(options) === 'signed-in';
  return async (c, next) => {
    if (signedIn && !c.get('user') && needsSignIn(c.req.method, c.req.path.slice(API_PREFIX.length))) {
      throw new ProblemError('signInToRead', 401, 'This server shows its content to signed-in people only; sign in to read.');
    }
    await next();
  };
}

function needsSignIn(method: string, path: string): boolean {
  if (method === 'GET' || method === 'HEAD') return !OPEN.has(path);
  return method === 'POST' && STREAM_TOPICS.test(path);
}
