import { createRoute, z } from '@hono/zod-openapi';
import { requireModerator } from '../auth/session.ts';
import type { Api, Services } from '../context.ts';
import { deliveryLog } from '../delivery/delivery-log.ts';
import { jsonResponse, pageQuery, problemResponse } from '../schemas/common.ts';
import { DeliveryLogSchema } from '../schemas/delivery.ts';

const logRoute = createRoute({
  method: 'get',
  path: '/moderation/deliveries',
  operationId: 'listDeliveries',
  tags: ['moderation'],
  summary: 'What Plaza sent or tries to send, newest first',
  description:
    'E-mails, Teams cards and webhook calls with their status, attempts and last error: for finding out why ' +
    'something did not arrive. No content and no secrets; a URL shows only its origin.',
  request: { query: z.object(pageQuery(50)) },
  responses: {
    200: jsonResponse(DeliveryLogSchema, 'A page of the delivery log.'),
    400: problemResponse('A malformed limit or cursor.'),
    401: problemResponse('Nobody is signed in.'),
    403: problemResponse('Not a moderator.'),
    429: problemResponse('Too many requests; see `Retry-After`.'),
  },
});

export function registerDeliveryRoutes(api: Api, { db }: Services): void {
  api.openapi(logRoute, async (c) => {
    const { cursor, limit } = c.req.valid('query');
    requireModerator(c);
    c.header('cache-control', 'private, no-store');
    return c.json(await deliveryLog(db, cursor, limit), 200);
  });
}
