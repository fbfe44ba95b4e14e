import { createRoute, z } from '@hono/zod-openapi';
import { requireUser } from '../auth/session.ts';
import type { Api, Services } from '../context.ts';
import { availableChannels } from '../notifications/kinds.ts';
import { notificationTopic } from '../notifications/topic.ts';
import { jsonBody, jsonResponse, pageQuery, problemResponse } from '../schemas/common.ts';
import {
  NotificationPageSchema,
  NotificationReadRequestSchema,
  NotificationSettingsChangeSchema,
  NotificationSettingsSchema,
} from '../schemas/notification.ts';
import { chooseNotificationChannels, notificationChannels } from '../store/notification-settings.ts';
import { markRead, notificationPage } from '../store/notifications.ts';

const signedIn = { 401: problemResponse('Nobody is signed in.') } as const;
const writeProblems = {
  ...signedIn,
  403: problemResponse('The request came from an origin that may not write.'),
  413: problemResponse('The body is larger than the server accepts.'),
  415: problemResponse('The body is not JSON.'),
  429: problemResponse('Too many requests; see `Retry-After`.'),
} as const;

const listRoute = createRoute({
  method: 'get',
  path: '/notifications',
  operationId: 'listNotifications',
  tags: ['notifications'],
  summary: 'Your notifications, newest first, with the unread count',
  description:
    'A bundle of reactions moves to the top when someone else reacts (`updatedAt`). Live changes come on the topic `me:notifications` ' +
    '(`notification.created`, `.updated`, `.withdrawn`, `.read`), each with the unread count afterwards.',
  request: { query: z.object(pageQuery(20, 50)) },
  responses: {
    200: jsonResponse(NotificationPageSchema, 'A page of your notifications.'),
    400: problemResponse('A malformed limit, or a cursor this server did not issue for this list.'),
    ...signedIn,
  },
});

const readRoute = createRoute({
  method: 'post',
  path: '/notifications/read',
  operationId: 'markNotificationsRead',
  tags: ['notifications'],
  summary: 'Mark notifications read: some (`ids`) or all',
  description: 'Ids that are not yours, or already read, are ignored. Your other tabs hear of it (`notification.read`).',
  request: { body: jsonBody(NotificationReadRequestSchema) },
  responses: {
    204: { description: 'Done.' },
    400: problemResponse('Neither or both of `ids` and `all`, or a malformed id (`validation`, with `field`).'),
    ...writeProblems,
  },
});

const getSettingsRoute = createRoute({
  method: 'get',
  path: '/me/notification-settings',
  operationId: 'getNotificationSettings',
  tags: ['notifications'],
  summary: 'Where each kind of notification reaches you',
  description:
    'Per kind: `in-app` (the list alone), `email` (a mail at once), `digest` (the daily mail), `teams` (a Teams message), or `off` (not even the list). ' +
    'Every channel but `off` shows in the list too. A comment in a thread you watch follows `reply`. Kinds you never chose show the defaults: ' +
    'the list for all but `followed-post` (off); where the server sends e-mail, a mail at once for `mention` and `reply` and the digest for the rest. ' +
    '`channels` says which channels this server offers.',
  responses: { 200: jsonResponse(NotificationSettingsSchema, 'Your choices, defaults filled in.'), ...signedIn },
});

const putSettingsRoute = createRoute({
  method: 'put',
  path: '/me/notification-settings',
  operationId: 'setNotificationSettings',
  tags: ['notifications'],
  summary: 'Choose where kinds of notification reach you',
  description: 'Name the kinds you change; the others keep their choice. `off` stops new notifications of that kind; existing ones stay.',
  request: { body: jsonBody(NotificationSettingsChangeSchema) },
  responses: {
    200: jsonResponse(NotificationSettingsSchema, 'Your choices afterwards.'),
    400: problemResponse('An unknown kind or channel (`validation`, with `field`, e.g. `kinds.mention`).'),
    ...writeProblems,
  },
});

export function registerNotificationRoutes(api: Api, { db, bus, options }: Services): void {
  api.openapi(listRoute, async (c) => {
    const user = requireUser(c);
    const { cursor, limit } = c.req.valid('query');
    c.header('Cache-Control', 'private, no-store');
    return c.json(await notificationPage(db, user.person.id, cursor, limit, options.profileFields), 200);
  });

  api.openapi(readRoute, async (c) => {
    const user = requireUser(c);
    const body = c.req.valid('json');
    const personId = user.person.id;
    await bus.transaction(async (tx, publish) => {
      const { ids, unread } = await markRead(tx, personId, body.all ? 'all' : body.ids!);
      // `all` is announced even when nothing changed here: another tab may show entries it has not loaded as read.
      if (ids.length > 0 || body.all) await publish({ type: 'notification.read', topic: notificationTopic(personId), ids: body.all ? [] : ids, all: !!body.all, unread });
    });
    return c.body(null, 204);
  });

  api.openapi(getSettingsRoute, async (c) => {
    const user = requireUser(c);
    c.header('Cache-Control', 'private, no-store');
    return c.json({ kinds: await notificationChannels(db, user.person.id, options.emailConfigured), channels: availableChannels(options) }, 200);
  });

  api.openapi(putSettingsRoute, async (c) => {
    const user = requireUser(c);
    const { kinds } = c.req.valid('json');
    await db.transaction((tx) => chooseNotificationChannels(tx, user.person.id, kinds));
    return c.json({ kinds: await notificationChannels(db, user.person.id, options.emailConfigured), channels: availableChannels(options) }, 200);
  });
}
