import { createRoute, z } from '@hono/zod-openapi';
import type { SessionCache } from '../auth/session-cache.ts';
import type { Api, Services } from '../context.ts';
import { ProblemError } from '../problem.ts';
import { shownPerson } from '../profile-fields.ts';
import { problemResponse } from '../schemas/common.ts';
import { DevPersonChangeSchema } from '../schemas/dev-session.ts';
import { PersonIdSchema, PersonSchema } from '../schemas/person.ts';
import { findPerson, upsertPeople } from '../store/people.ts';

/**
 * Development only (PLAZA_AUTH=dev, like the sign-in beside it): changes a
 * colleague's directory entry through the directory import's own write
 * (`upsertPeople` on the server's event bus), so a page left open sees what
 * `plaza import-people` makes it see, `person.updated`, where no import can
 * run beside the server (PGlite holds its folder: the demo, the browser
 * tests). A production server has no such route, not even in its document.
 */
const changePerson = createRoute({
  method: 'patch',
  path: '/dev/people/{id}',
  operationId: 'devChangePerson',
  tags: ['dev sign-in'],
  summary: 'Change a colleague\'s directory entry as an HR import would (announced as person.updated)',
  request: {
    params: z.object({ id: PersonIdSchema }),
    body: { required: true, content: { 'application/json': { schema: DevPersonChangeSchema } } },
  },
  responses: {
    200: { description: 'The entry as it now reads, as the caller may see it.', content: { 'application/json': { schema: PersonSchema } } },
    400: problemResponse('A field is empty, too long or unknown.'),
    403: problemResponse('The request came from an origin that may not write.'),
    404: problemResponse('Nobody has this id.'),
  },
});

export function registerDevDirectoryRoutes(api: Api, { db, bus, options }: Services, sessions: SessionCache): void {
  api.openapi(changePerson, async (c) => {
    const { id } = c.req.valid('param');
    const current = await findPerson(db, id);
    if (!current) throw new ProblemError('notFound', 404, `Nobody in the directory has the id "${id}".`, 'id');
    await upsertPeople(db, [{ ...current, ...c.req.valid('json'), id }], { bus });
    // A signed-in person's session carries their name: their next request reads it again.
    sessions.forget(id);
    return c.json(shownPerson((await findPerson(db, id))!, c.get('user'), options.profileFields), 200);
  });
}
