import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import { OPEN_API_READS } from '../middleware/read-access.ts';
import { problemResponse } from '../schemas/common.ts';

/**
 * What every operation of the document shares, written once here rather than
 * in each route: the answers of the middleware in front of every route
 * (api.ts, and the cross-origin check in app.ts), and the sign-in each
 * operation accepts. A route's own entry for a status wins: it knows more.
 */

/** Sign-in optional: the answer is for whoever asks, signed in or not. Routes that need nobody use the default. */
export const SIGN_IN_OPTIONAL: Array<Record<string, string[]>> = [{}, { session: [] }];

const READ_ANSWERS = {
  400: problemResponse('Malformed input, e.g. a broken percent escape in the path or query.'),
  429: problemResponse('Too many requests; see `Retry-After`.'),
};

const WRITE_ANSWERS = {
  ...READ_ANSWERS,
  400: problemResponse('Malformed input: a broken percent escape, or a body that is not UTF-8 or not well-formed JSON.'),
  403: problemResponse('The request came from an origin that may not write.'),
  413: problemResponse('The body is over the server\'s limit (`PLAZA_MAX_BODY_BYTES`).'),
  415: problemResponse('A body that is not `application/json`.'),
};

const READS = new Set(['get', 'head', 'options']);

/** With `PLAZA_READ_ACCESS=signed-in` (middleware/read-access.ts), on every read but the open ones. */
const SIGN_IN_TO_READ = problemResponse('`sign-in-to-read`: this server lets only signed-in people read (`PLAZA_READ_ACCESS=signed-in`).');
const OPEN_PATHS = new Set(OPEN_API_READS.map((route) => route.path));

/**
 * Completes every route registered so far. An operation that answers 401
 * needs sign-in, unless it says otherwise (`security` of its own); the others
 * take it when given. `bearer` adds the OIDC bearer token wherever the session
 * cookie is accepted.
 */
export function documentSharedAnswers(
  registry: OpenAPIHono['openAPIRegistry'],
  { bearer, signedInReads }: { bearer: boolean; signedInReads: boolean },
): void {
  for (const definition of registry.definitions) {
    if (definition.type !== 'route') continue;
    // A copy: route definitions are module constants, shared by every app this process makes.
    const route: RouteConfig = definition.route;
    const gated = signedInReads && READS.has(route.method) && !OPEN_PATHS.has(route.path);
    const security = gated ? [{ session: [] }] : (route.security ?? (route.responses[401] ? [{ session: [] }] : SIGN_IN_OPTIONAL));
    const own401 = route.responses[401] as { description: string } | undefined;
    const signInToRead = own401 ? { ...own401, description: `${own401.description} ${SIGN_IN_TO_READ.description}` } : SIGN_IN_TO_READ;
    const ownResponses = gated ? { ...route.responses, 401: signInToRead } : route.responses;
    definition.route = {
      ...route,
      responses: { ...(READS.has(route.method) ? READ_ANSWERS : WRITE_ANSWERS), ...ownResponses },
      security: bearer ? security.flatMap((scheme) => ('session' in scheme ? [scheme, { bearer: [] }] : [scheme])) : security,
    };
  }
}
