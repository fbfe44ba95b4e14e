import { topics } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import { notificationTopic } from '../notifications/topic.ts';
import type { Publish } from '../events/types.ts';
import { dispatch, forDelivery, type DeliverySetup, type MailSetup, type TeamsSetup } from '../notifications/dispatch.ts';
import {
  notifyComment,
  notifyFollow,
  notifyReaction,
  notifyReport,
  notifyStatusPost,
  unnotifyReaction,
  withdrawComment,
  withdrawFollow,
  withdrawStatusPosts,
  type Made,
  type Withdrawn,
} from '../store/notification-writes.ts';
import { notificationItems, unreadCounts, type RecipientItem } from '../store/notifications.ts';
import type { Projector } from './projector.ts';

export interface NotificationSetup {
  /** Whether e-mail is set up (`PLAZA_SMTP_URL`): it decides the default channels. */
  emailConfigured: boolean;
  /** Moderators named in the settings (`PLAZA_MODERATORS`), besides the directory's: they hear of reports. */
  moderators: readonly string[];
  /** Where e-mail is set up: what a mail at once needs (dispatch.ts). */
  mail?: MailSetup;
  /** Where Teams is set up: what a personal card needs. */
  teams?: TeamsSetup;
}

/**
 * Who is told of what (issue 20): a projection of the write events into
 * `notifications` (the writes are in store/notification-writes.ts, which says
 * who). Everything a write made is announced once at the end on each
 * recipient's own topic (read as `me:notifications`), with one read of the
 * entries for all of them, and each new entry goes to `dispatch` with the
 * channel its recipient chose.
 */
export function notificationsProjector(setup: NotificationSetup): Projector {
  const email = setup.emailConfigured;
  return {
    name: 'notifications',
    async project(tx, events, publish) {
      const made: Made[] = [];
      const withdrawn: Withdrawn[] = [];
      const deletedPosts: string[] = [];
      for (const event of events) {
        switch (event.type) {
          case 'comment.created': {
            const { comment } = event;
            if (comment.author) made.push(...(await notifyComment(tx, { ...comment, authorId: comment.author.id }, email)));
            break;
          }
          case 'comment.updated': {
            const { comment } = event;
            if (comment.state === 'hidden') withdrawn.push(...(await withdrawComment(tx, comment.id, true)));
            // An edit tells the people it newly mentions; a restore (also published again) brings nothing back.
            else if (comment.state === 'published' && comment.author) {
              made.push(...(await notifyComment(tx, { ...comment, authorId: comment.author.id }, email, true)));
            }
            break;
          }
          case 'comment.deleted':
            withdrawn.push(...(await withdrawComment(tx, event.id, false)));
            break;
          case 'reaction.changed': {
            // A reaction to a comment is published twice (its own topic, and its thread's); one notification.
            if (event.topic !== topics.reactions(event.target)) break;
            if (event.active) made.push(...(await notifyReaction(tx, event.target, event.actor, event.kind, email)));
            else {
              const { changed, withdrawn: gone } = await unnotifyReaction(tx, event.target, event.actor);
              made.push(...changed);
              withdrawn.push(...gone);
            }
            break;
          }
          case 'follow.changed':
            if (event.active) made.push(...(await notifyFollow(tx, event.actor, event.person, email)));
            else withdrawn.push(...(await withdrawFollow(tx, event.actor, event.person)));
            break;
          case 'activity.created':
            // Published on several feed topics; its author's own is there exactly once.
            if (event.activity.kind === 'status' && event.topic === topics.activities(`user:${event.actor}`)) {
              made.push(...(await notifyStatusPost(tx, { id: event.activity.id, authorId: event.actor, mentions: event.activity.mentions }, email)));
            }
            break;
          case 'activity.deleted':
            if (!deletedPosts.includes(event.id)) deletedPosts.push(event.id);
            break;
          case 'report.filed':
            made.push(...(await notifyReport(tx, event, setup.moderators, email)));
            break;
        }
      }
      if (deletedPosts.length > 0) withdrawn.push(...(await withdrawStatusPosts(tx, deletedPosts)));
      await announce(tx, publish, made, withdrawn, { mail: setup.mail, teams: setup.teams });
    },
  };
}

/** Publishes what the write (or the fan-out worker after it, fan-out.ts) made and withdrew, and hands each new entry to `dispatch`. */
export async function announce(
  tx: Queryable,
  publish: Publish | null,
  made: readonly Made[],
  withdrawn: readonly Withdrawn[],
  delivery: DeliverySetup,
  read: (tx: Queryable, ids: readonly string[]) => Promise<RecipientItem[]> = notificationItems,
): Promise<void> {
  const items = await read(tx, [...new Set(made.map((row) => row.id))]);
  const byId = new Map(made.map((row) => [row.id, row]));
  for (const { recipientId, unread, notification } of items) {
    const row = byId.get(notification.id)!;
    if (row.created) await dispatch(tx, forDelivery(recipientId, notification), row.channel, delivery);
    const type = row.created ? 'notification.created' : 'notification.updated';
    await publish?.({ type, topic: notificationTopic(recipientId), notification, unread });
  }
  if (publish) await announceWithdrawn(tx, publish, withdrawn);
}

/** Tells each recipient's open bells that these entries went (a source deleted or hidden, the retention purge), with their unread count after. */
export async function announceWithdrawn(tx: Queryable, publish: Publish, withdrawn: readonly Withdrawn[]): Promise<void> {
  if (withdrawn.length === 0) return;
  const unread = await unreadCounts(tx, [...new Set(withdrawn.map((row) => row.recipientId))]);
  for (const { id, recipientId } of withdrawn) {
    await publish({ type: 'notification.withdrawn', topic: notificationTopic(recipientId), id, unread: unread.get(recipientId) ?? 0 });
  }
}
