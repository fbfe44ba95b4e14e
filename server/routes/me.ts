import { createRoute } from '@hono/zod-openapi';
import { meFor } from '../auth/session.ts';
import type { Api, Services } from '../context.ts';
import { MeSchema } from '../schemas/person.ts';

const getMe = createRoute({
  method: 'get',
  path: '/me',
  operationId: 'getMe',
  tags: ['people'],
  summary: 'The current user and what they may do',
  responses: {
    200: { description: '`user` is null when nobody is signed in.', content: { 'application/json': { schema: MeSchema } } },
  },
});

export function registerMeRoutes(api: Api, { options }: Services): void {
  api.openapi(getMe, (c) => c.json(meFor(c.get('user'), options.whoReacted), 200));
}
