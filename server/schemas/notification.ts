import { z } from '@hono/zod-openapi';
import {
  LIMITS,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  NOTIFICATION_SETTING_KINDS,
  type PlazaNotification,
  type NotificationCreatedEvent,
  type NotificationPage,
  type NotificationReadEvent,
  type NotificationReadRequest,
  type NotificationSettings,
  type NotificationUpdatedEvent,
  type NotificationWithdrawnEvent,
  type ThreadWatch,
} from '../../src/core/protocol.ts';
import { ThreadPageSchema } from './activity.ts';
import { TimestampSchema } from './comment.ts';
import { KeySchema, orNull, type Expect, type Same } from './common.ts';
import { PersonTagSchema } from './person.ts';

export const NotificationIdSchema = z.string().regex(/^\d{1,18}$/, 'must be a notification id').openapi({ example: '4711' });
export const NotificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);

export const NotificationSchema = z
  .object({
    id: NotificationIdSchema,
    kind: z.enum(NOTIFICATION_KINDS),
    actors: z.array(PersonTagSchema).openapi({ description: 'Who did it, newest first, at most 3.' }),
    count: z.number().int().nonnegative().openapi({ description: 'How many people: above 1 only for a bundle of reactions.' }),
    target: KeySchema.nullable().openapi({ description: '`comment:<id>` or `activity:<id>`; null for a follow.' }),
    thread: KeySchema.nullable(),
    page: orNull(ThreadPageSchema),
    permalink: z.string().nullable().openapi({ format: 'uri', description: 'The page with `#comment-<id>`, when the page is known.' }),
    excerpt: z.string().openapi({ example: '@Ayşe Demir, können Sie das bis Freitag prüfen?' }),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    readAt: TimestampSchema.nullable(),
  })
  .openapi('Notification');
export type NotificationMatches = Expect<Same<z.infer<typeof NotificationSchema>, PlazaNotification>>;

export const NotificationPageSchema = z
  .object({
    items: z.array(NotificationSchema),
    nextCursor: z.string().nullable().openapi({ description: 'Opaque; pass it back as `cursor`.' }),
    unread: z.number().int().nonnegative(),
  })
  .openapi('NotificationPage');
export type NotificationPageMatches = Expect<Same<z.infer<typeof NotificationPageSchema>, NotificationPage>>;

export const NotificationReadRequestSchema = z
  .object({
    ids: z.array(NotificationIdSchema).min(1).max(LIMITS.batchSize).optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((body) => (body.ids === undefined) !== (body.all === undefined), { message: 'send either ids or all: true', path: ['ids'] })
  .openapi('NotificationReadRequest');
export type NotificationReadRequestMatches = Expect<Same<z.infer<typeof NotificationReadRequestSchema>, NotificationReadRequest>>;

const kindsShape = Object.fromEntries(NOTIFICATION_SETTING_KINDS.map((kind) => [kind, NotificationChannelSchema])) as Record<
  (typeof NOTIFICATION_SETTING_KINDS)[number],
  typeof NotificationChannelSchema
>;

export const NotificationSettingsSchema = z
  .object({
    kinds: z.object(kindsShape),
    channels: z.array(NotificationChannelSchema).openapi({
      description:
        'The channels this server can reach you on: always `in-app` and `off`; `email` and `digest` where it sends e-mail; `teams` where Teams is set up. ' +
        'A choice of a channel not offered is kept, but reaches you only once the server offers it.',
      example: ['in-app', 'email', 'digest', 'off'],
    }),
  })
  .openapi('NotificationSettings');
export type NotificationSettingsMatches = Expect<Same<z.infer<typeof NotificationSettingsSchema>, NotificationSettings>>;

/** A PUT names the kinds it changes; the rest keep their choice. */
export const NotificationSettingsChangeSchema = z
  .object({ kinds: z.object(kindsShape).partial().strict() })
  .strict()
  .openapi('NotificationSettingsChange');

export const ThreadWatchSchema = z.object({ key: KeySchema, watching: z.boolean() }).openapi('ThreadWatch');
export type ThreadWatchMatches = Expect<Same<z.infer<typeof ThreadWatchSchema>, ThreadWatch>>;

const topic = z.string().openapi({ example: 'me:notifications' });
const unread = z.number().int().nonnegative().openapi({ description: 'The person\'s unread count afterwards.' });

export const NotificationCreatedEventSchema = z
  .object({ type: z.literal('notification.created'), topic, notification: NotificationSchema, unread })
  .openapi('NotificationCreatedEvent');
export type NotificationCreatedEventMatches = Expect<Same<z.infer<typeof NotificationCreatedEventSchema>, NotificationCreatedEvent>>;
export const NotificationUpdatedEventSchema = z
  .object({ type: z.literal('notification.updated'), topic, notification: NotificationSchema, unread })
  .openapi('NotificationUpdatedEvent');
export type NotificationUpdatedEventMatches = Expect<Same<z.infer<typeof NotificationUpdatedEventSchema>, NotificationUpdatedEvent>>;
export const NotificationWithdrawnEventSchema = z
  .object({ type: z.literal('notification.withdrawn'), topic, id: NotificationIdSchema, unread })
  .openapi('NotificationWithdrawnEvent');
export type NotificationWithdrawnEventMatches = Expect<Same<z.infer<typeof NotificationWithdrawnEventSchema>, NotificationWithdrawnEvent>>;
export const NotificationReadEventSchema = z
  .object({ type: z.literal('notification.read'), topic, ids: z.array(NotificationIdSchema), all: z.boolean(), unread })
  .openapi('NotificationReadEvent');
export type NotificationReadEventMatches = Expect<Same<z.infer<typeof NotificationReadEventSchema>, NotificationReadEvent>>;
