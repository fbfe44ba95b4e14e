import { createRoute } from '@hono/zod-openapi';
import type { SessionCache } from '../auth/session-cache.ts';
import { forgetUser, meFor, SESSION_MAX_AGE_SECONDS } from '../auth/session.ts';
import type { SessionCookie } from '../auth/session-cookie.ts';
import type { Api, Services } from '../context.ts';
import { ProblemError } from '../problem.ts';
import { problemResponse } from '../schemas/common.ts';
import { DevSessionRequestSchema } from '../schemas/dev-session.ts';
import { MeSchema, PersonListSchema } from '../schemas/person.ts';
import { shownPeople } from '../profile-fields.ts';
import { findPerson, listPeople } from '../store/people.ts';
import { createSession, deleteSession, findSessionUser } from '../store/sessions.ts';

/**
 * Development sign-in: anyone may become anyone, without a password. It is
 * registered only when the server runs with PLAZA_AUTH=dev, so a production
 * server has no such routes at all (not even in its OpenAPI document).
 */
const PROVIDER = 'dev';

const DevUsersSchema = PersonListSchema.extend({ me: MeSchema }).openapi('DevUsers');

const meResponse = (description: string) => ({ description, content: { 'application/json': { schema: MeSchema } } }) as const;

const listUsers = createRoute({
  method: 'get',
  path: '/dev/users',
  operationId: 'listDevUsers',
  tags: ['dev sign-in'],
  summary: 'Everyone who can be signed in as (the demo user switcher)',
  responses: {
    200: {
      description: 'Everyone, by name, and who is signed in (`me`, as `GET /me` says), so the switcher does not ask `/me` beside the page\'s elements.',
      content: { 'application/json': { schema: DevUsersSchema } },
    },
  },
});

const signIn = createRoute({
  method: 'post',
  path: '/dev/session',
  operationId: 'devSignIn',
  tags: ['dev sign-in'],
  summary: 'Sign in as someone (sets the plaza_session cookie)',
  request: { body: { required: true, content: { 'application/json': { schema: DevSessionRequestSchema } } } },
  responses: {
    200: meResponse('Signed in; the cookie is set.'),
    400: problemResponse('No `userId`.'),
    403: problemResponse('The request came from an origin that may not write.'),
    404: problemResponse('Nobody has this id.'),
  },
});

const signOut = createRoute({
  method: 'delete',
  path: '/dev/session',
  operationId: 'devSignOut',
  tags: ['dev sign-in'],
  summary: 'Sign out (clears the cookie)',
  responses: { 200: meResponse('Signed out.'), 403: problemResponse('The request came from an origin that may not write.') },
});

export function registerDevSessionRoutes(api: Api, { db, options }: Services, sessions: SessionCache, cookie: SessionCookie): void {
  api.openapi(listUsers, async (c) => c.json({ items: shownPeople(await listPeople(db), c.get('user'), options.profileFields), me: meFor(c.get('user'), options.whoReacted) }, 200));

  api.openapi(signIn, async (c) => {
    const { userId } = c.req.valid('json');
    // Refused before anything changes: a failed sign-in keeps the session it came with.
    if (!(await findPerson(db, userId))) {
      throw new ProblemError('notFound', 404, `Nobody in the directory has the id "${userId}".`, 'userId');
    }
    const previous = c.get('sessionToken');
    if (previous) await deleteSession(db, previous);
    forgetUser(c, sessions);
    const token = await createSession(db, userId, PROVIDER, SESSION_MAX_AGE_SECONDS);
    cookie.set(c, token);
    return c.json(meFor(await findSessionUser(db, token, PROVIDER), options.whoReacted), 200);
  });

  api.openapi(signOut, async (c) => {
    const token = c.get('sessionToken');
    if (token) await deleteSession(db, token);
    forgetUser(c, sessions);
    cookie.clear(c);
    return c.json(meFor(null, options.whoReacted), 200);
  });
}
