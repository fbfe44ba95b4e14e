import { createRoute, z } from '@hono/zod-openapi';
import { LIMITS } from '../../src/core/protocol.ts';
import type { Api, Services } from '../context.ts';
import { ProblemError } from '../problem.ts';
import { problemResponse } from '../schemas/common.ts';
import { PersonListSchema, PersonSchema } from '../schemas/person.ts';
import { findPeople, findPerson } from '../store/people.ts';

/** Ids are directory ids (no commas), so one comma-separated parameter is enough here. */
const IdsQuery = z.object({
  ids: z
    .string()
    .transform((value) => [...new Set(value.split(',').map((id) => id.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(200)).min(1).max(LIMITS.batchSize))
    .openapi({ type: 'string', example: 'juergen.mueller,ayse.demir', description: `Comma-separated, at most ${LIMITS.batchSize}.` }),
});

const getPeople = createRoute({
  method: 'get',
  path: '/people',
  tags: ['people'],
  summary: 'Several people at once (profile cards, comment authors)',
  request: { query: IdsQuery },
  responses: {
    200: { description: 'The people found, in the order asked; unknown ids are left out.', content: { 'application/json': { schema: PersonListSchema } } },
    400: problemResponse('No ids, or more than the batch limit.'),
  },
});

const getPerson = createRoute({
  method: 'get',
  path: '/people/{id}',
  tags: ['people'],
  summary: 'One person',
  request: { params: z.object({ id: z.string().max(200).openapi({ example: 'ayse.demir' }) }) },
  responses: {
    200: { description: 'The person.', content: { 'application/json': { schema: PersonSchema } } },
    404: problemResponse('Nobody has this id.'),
  },
});

export function registerPeopleRoutes(api: Api, { db }: Services): void {
  api.openapi(getPeople, async (c) => c.json({ items: await findPeople(db, c.req.valid('query').ids) }, 200));

  api.openapi(getPerson, async (c) => {
    const person = await findPerson(db, c.req.valid('param').id);
    if (!person) throw new ProblemError('notFound', 404, 'Nobody in the directory has this id.', 'id');
    return c.json(person, 200);
  });
}
