import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import { LIMITS } from '../../src/core/protocol.ts';
import { requireUser } from '../auth/session.ts';
import type { Api, AppEnv, Services } from '../context.ts';
import { ProblemError } from '../problem.ts';
import { documentedPattern, jsonResponse, problemResponse } from '../schemas/common.ts';
import { PersonIdSchema, PersonListSchema, ProfileListSchema, ProfileSchema } from '../schemas/person.ts';
import { changeFollow } from '../store/follows.ts';
import { shownPeople, shownProfile, shownProfiles } from '../profile-fields.ts';
import { findPeople, findProfile, findProfiles, searchPeople } from '../store/people.ts';

/** A search may have spaces (words), not control characters. */
export const SEARCH_PATTERN = /^[^\p{Cc}]*$/u;

/** Ids are directory ids (no commas), so one comma-separated parameter is enough here. */
const idList = () =>
  z
    .string()
    .transform((value) => [...new Set(value.split(',').map((id) => id.trim()).filter(Boolean))])
    .pipe(z.array(PersonIdSchema).min(1).max(LIMITS.batchSize))
    .openapi({ type: 'string', example: 'juergen.mueller,ayse.demir', description: `Comma-separated, at most ${LIMITS.batchSize}.` });

const PeopleQuery = z
  .object({
    ids: idList().optional(),
    q: z
      .string()
      .trim()
      .min(1)
      .max(LIMITS.searchLength)
      .regex(SEARCH_PATTERN, 'must not contain control characters')
      .optional()
      .openapi({ pattern: documentedPattern(SEARCH_PATTERN), example: 'muller', description: 'Search: every word is the start of a name; case and accents do not matter.' }),
    limit: z.coerce.number().int().min(1).max(50).default(10).openapi({ description: 'For `q` only.' }),
  })
  .superRefine((query, ctx) => {
    if ((query.ids === undefined) === (query.q === undefined)) {
      ctx.addIssue({ code: 'custom', path: query.ids === undefined ? ['ids'] : ['q'], message: 'give either ids or q' });
    }
  });

const getPeople = createRoute({
  method: 'get',
  path: '/people',
  operationId: 'listPeople',
  tags: ['people'],
  summary: 'Several people by id (profile cards, comment authors), or a search (mentions)',
  request: { query: PeopleQuery },
  responses: {
    200: jsonResponse(PersonListSchema, '`ids`: the people found, in the order asked, unknown ids left out. `q`: the best matches first.'),
    400: problemResponse('Neither or both of ids and q, no ids, more than the batch limit, or a malformed one.'),
  },
});

const getProfiles = createRoute({
  method: 'get',
  path: '/profiles',
  operationId: 'getProfiles',
  tags: ['people'],
  summary: 'Several profiles by id: the profile cards of a page in one request',
  request: { query: z.object({ ids: idList() }) },
  responses: {
    200: jsonResponse(ProfileListSchema, 'The profiles found, in the order asked, unknown ids left out; `followedByMe` is false when signed out.'),
    400: problemResponse('No ids, more than the batch limit, or a malformed one.'),
  },
});

const IdParam = z.object({ id: PersonIdSchema });

const getPerson = createRoute({
  method: 'get',
  path: '/people/{id}',
  operationId: 'getPerson',
  tags: ['people'],
  summary: 'One person, with follower counts',
  request: { params: IdParam },
  responses: {
    200: jsonResponse(ProfileSchema, 'The person; `followedByMe` is false when signed out.'),
    404: problemResponse('Nobody has this id.'),
  },
});

const followRoute = (method: 'put' | 'delete') =>
  createRoute({
    method,
    path: '/people/{id}/follow',
    operationId: method === 'put' ? 'followPerson' : 'unfollowPerson',
    tags: ['people'],
    summary: method === 'put' ? 'Follow someone' : 'Stop following someone',
    request: { params: IdParam },
    responses: {
      200: jsonResponse(ProfileSchema, 'Their profile afterwards; repeating the request changes nothing.'),
      400: problemResponse('Following yourself.'),
      401: problemResponse('Nobody is signed in.'),
      404: problemResponse('Nobody has this id.'),
      429: problemResponse('Too many requests; see `Retry-After`.'),
    },
  });

export function registerPeopleRoutes(api: Api, { db, bus, options }: Services): void {
  const fields = options.profileFields;
  api.openapi(getPeople, async (c) => {
    const { ids, q, limit } = c.req.valid('query');
    const items = ids ? await findPeople(db, ids) : await searchPeople(db, q!, limit);
    return c.json({ items: shownPeople(items, c.get('user'), fields) }, 200);
  });

  api.openapi(getProfiles, async (c) => {
    const user = c.get('user');
    return c.json({ items: shownProfiles(await findProfiles(db, c.req.valid('query').ids, user?.person.id ?? null), user, fields) }, 200);
  });

  api.openapi(getPerson, async (c) => {
    const profile = await findProfile(db, c.req.valid('param').id, c.get('user')?.person.id ?? null);
    if (!profile) throw new ProblemError('notFound', 404, 'Nobody in the directory has this id.', 'id');
    return c.json(shownProfile(profile, c.get('user'), fields), 200);
  });

  const follow = (active: boolean): RouteHandler<ReturnType<typeof followRoute>, AppEnv> => async (c) => {
    const { id } = c.req.valid('param');
    const user = requireUser(c);
    const profile = await bus.transaction((tx, publish) => changeFollow(tx, publish, user.person.id, id, active));
    return c.json(shownProfile(profile, user, fields), 200);
  };
  api.openapi(followRoute('put'), follow(true));
  api.openapi(followRoute('delete'), follow(false));
}
