import { createRoute } from '@hono/zod-openapi';
import type { SessionCache } from '../auth/session-cache.ts';
import { forgetUser, requireUser } from '../auth/session.ts';
import type { SessionCookie } from '../auth/session-cookie.ts';
import type { Api, Services } from '../context.ts';
import { ProblemError } from '../problem.ts';
import { jsonResponse, problemResponse } from '../schemas/common.ts';
import { ErasureReceiptSchema, PersonalDataExportSchema } from '../schemas/privacy.ts';
import { erasePerson, exportPersonalData } from '../store/privacy.ts';

const exportRoute = createRoute({
  method: 'get',
  path: '/me/export',
  operationId: 'exportPersonalData',
  tags: ['privacy'],
  summary: 'Download everything you wrote, reacted and followed',
  responses: {
    200: jsonResponse(PersonalDataExportSchema, 'A JSON file (`Content-Disposition: attachment`).'),
    401: problemResponse('Nobody is signed in.'),
  },
});

const eraseRoute = createRoute({
  method: 'delete',
  path: '/me',
  operationId: 'erasePersonalData',
  tags: ['privacy'],
  summary: 'Erase yourself from Plaza',
  description:
    'Removes your profile, reactions, follows and sessions. Your comments stay without an author (`PLAZA_ERASE_MODE=anonymise`) ' +
    'or are deleted too (`delete`); replies by others stay either way. Signs you out. ' +
    'What you did as a moderator stays in the audit log of moderation until its retention ends.',
  responses: {
    200: jsonResponse(ErasureReceiptSchema, 'What was erased.'),
    401: problemResponse('Nobody is signed in.'),
    403: problemResponse('The request came from an origin that may not write.'),
  },
});

export function registerPrivacyRoutes(api: Api, { db, bus, options }: Services, sessions: SessionCache, cookie: SessionCookie): void {
  api.openapi(exportRoute, async (c) => {
    const user = requireUser(c);
    const data = await exportPersonalData(db, user.person.id);
    if (!data) throw new ProblemError('unauthenticated', 401, 'Sign in to do this.');
    // The id goes into a header: anything but plain filename characters becomes "_".
    const name = `plaza-export-${user.person.id.replace(/[^\w.-]/g, '_')}-${data.exportedAt.slice(0, 10)}.json`;
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    return c.json(data, 200);
  });

  api.openapi(eraseRoute, async (c) => {
    const user = requireUser(c);
    // Through the bus: open pages drop the person's name and texts (see erasePerson).
    const receipt = await bus.transaction((tx, publish) => erasePerson(tx, publish, user.person.id, options.eraseMode, options.reactionKinds));
    forgetUser(c, sessions);
    cookie.clear(c);
    return c.json(receipt, 200);
  });
}
