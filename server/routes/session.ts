import { createRoute, z } from '@hono/zod-openapi';
import { OIDC_PROVIDER, type OidcSignIn } from '../auth/oidc.ts';
import type { SessionCache } from '../auth/session-cache.ts';
import { forgetUser, meFor, SESSION_MAX_AGE_SECONDS } from '../auth/session.ts';
import type { SessionCookie } from '../auth/session-cookie.ts';
import type { Api, Services } from '../context.ts';
import { ProblemError } from '../problem.ts';
import { problemResponse } from '../schemas/common.ts';
import { MeSchema } from '../schemas/person.ts';
import { createSession, deleteSession } from '../store/sessions.ts';

/**
 * `PLAZA_AUTH=oidc`: trade a bearer token for a `plaza_session` cookie, for
 * what cannot send headers (the browser's EventSource). The session ends when
 * the token does: a page renews it by posting each fresh token, and the
 * cookie never outlives what the identity provider granted.
 */
const meResponse = (description: string) => ({ description, content: { 'application/json': { schema: MeSchema } } }) as const;

const signIn = createRoute({
  method: 'post',
  path: '/session',
  operationId: 'signIn',
  tags: ['sign-in'],
  summary: 'Sign in with a bearer token (sets the plaza_session cookie)',
  description:
    'Send the token from the identity provider as `Authorization: Bearer <token>` and no body. The cookie is HttpOnly, ' +
    'SameSite=Lax and expires with the token; post the renewed token to extend it.',
  security: [{ bearer: [] }],
  request: {
    headers: z.object({
      authorization: z.string().optional().openapi({ description: '`Bearer <token>`', example: 'Bearer eyJhbGciOiJSUzI1NiIs…' }),
    }),
  },
  responses: {
    200: meResponse('Signed in; the cookie is set.'),
    401: problemResponse('No bearer token, or one that does not verify (the detail says why).'),
    403: problemResponse('The token is valid but names nobody Plaza lets in, or the request came from an origin that may not write.'),
    503: problemResponse('The identity provider cannot be reached to check the token (`unavailable`; `Retry-After` says when to try again).'),
  },
});

const signOut = createRoute({
  method: 'delete',
  path: '/session',
  operationId: 'signOut',
  tags: ['sign-in'],
  summary: 'End the cookie session (clears the cookie)',
  description: 'A bearer token sent along still signs that request in; the answer describes the cookie, so its user is null.',
  responses: { 200: meResponse('Signed out.'), 403: problemResponse('The request came from an origin that may not write.') },
});

export function registerSessionRoutes(api: Api, { db, options }: Services, oidc: OidcSignIn, sessions: SessionCache, cookie: SessionCookie): void {
  api.openapi(signIn, async (c) => {
    const bearer = await oidc.bearer(c);
    if (!bearer) throw new ProblemError('unauthenticated', 401, 'Send the token from your identity provider as Authorization: Bearer <token>.');
    if (!bearer.user) throw new ProblemError('forbidden', 403, 'Your account is valid but not one of the people who may use Plaza here.');
    const previous = c.get('sessionToken');
    if (previous) await deleteSession(db, previous);
    forgetUser(c, sessions);
    const maxAge = Math.min(SESSION_MAX_AGE_SECONDS, Math.max(1, Math.floor(bearer.expiresAt - Date.now() / 1000)));
    const token = await createSession(db, bearer.user.person.id, OIDC_PROVIDER, maxAge);
    cookie.set(c, token, maxAge);
    // The middleware's user: the token's, with PLAZA_MODERATORS applied.
    return c.json(meFor(c.get('user'), options.whoReacted), 200);
  });

  api.openapi(signOut, async (c) => {
    const token = c.get('sessionToken');
    if (token) await deleteSession(db, token);
    forgetUser(c, sessions);
    cookie.clear(c);
    return c.json(meFor(null, options.whoReacted), 200);
  });
}
