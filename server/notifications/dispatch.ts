import type { PlazaNotification, NotificationChannel, NotificationKind } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import { notificationMail, type MailKind, type MailLocale } from '../delivery/mail.ts';
import { enqueue } from '../delivery/outbox.ts';
import { unsubscribeUrl } from '../delivery/unsubscribe-token.ts';

/**
 * What a notification mail needs besides the notification: where Plaza is
 * (`PLAZA_PUBLIC_URL`, for links) and the key that signs unsubscribe links,
 * which exists only once the migrations ran (start.ts fills it in before the
 * server takes requests). Absent where e-mail is not set up.
 */
export interface MailSetup {
  publicUrl: string;
  secret?: string;
  /** The language of mails: the directory has no language per person yet. */
  locale: MailLocale;
}

/**
 * A notification as a mail or a Teams message renders it: everything a
 * template needs, nothing it must look up. Made from the in-app entry by
 * `forDelivery`.
 */
export interface NotificationForDelivery {
  /** The in-app entry's id (an unsubscribe or "mark read" link may name it). */
  id: string;
  recipientId: string;
  /** The recipient's language, when the directory knows it (it does not yet: null means the server's default). */
  locale: string | null;
  kind: NotificationKind;
  /** Who did it, newest first, at most 3; `count` says how many people in all ("Anna und 4 weitere"). */
  actorNames: string[];
  count: number;
  /** The page's title, when known. */
  targetTitle: string | null;
  /** The page's URL with `#comment-<id>` (absolute: pages are kept as absolute URLs); null for a follow or a status post. */
  permalink: string | null;
  /** The start of the text as plain text; empty for a follow. */
  excerpt: string;
}

export function forDelivery(recipientId: string, notification: PlazaNotification): NotificationForDelivery {
  return {
    id: notification.id,
    recipientId,
    locale: null,
    kind: notification.kind,
    actorNames: notification.actors.map((actor) => actor.name),
    count: notification.count,
    targetTitle: notification.page?.title ?? null,
    permalink: notification.permalink,
    excerpt: notification.excerpt,
  };
}

/**
 * THE place a new notification goes beyond the list: the projector calls it,
 * in the write's transaction, once per entry it made (not for a bundle that
 * counts up: one mail per bundle, not per reaction), with the channel the
 * recipient chose for its kind. `in-app` is the entry itself, already
 * written; `off` never gets here (no entry is made).
 *
 * The other channels are wired by the delivery side (the outbox of issue 20,
 * items 5 and 6): each case below queues in the outbox with `tx`, so the
 * message is sent exactly when the write commits.
 */
export async function dispatch(tx: Queryable, notification: NotificationForDelivery, channel: NotificationChannel, mail?: MailSetup): Promise<void> {
  switch (channel) {
    case 'in-app':
    case 'off':
      return;
    case 'email':
      if (mail) await queueMail(tx, notification, mail);
      return;
    case 'digest':
      // Not yet: the daily digest's schedule (issue 20, item 5) reads the unread entries of the day; the entry is in the list meanwhile.
      return;
    case 'teams':
      // Not yet: personal Teams messages need a per-person address; moderators' alerts go through projections/teams-alerts.ts.
      return;
  }
}

/** A watched thread's comment is mailed as a reply: its setting is `reply`'s (NOTIFICATION_SETTING_KINDS). */
const MAIL_KIND: Record<NotificationKind, MailKind> = {
  mention: 'mention',
  reply: 'reply',
  comment: 'reply',
  reaction: 'reaction',
  follow: 'follow',
  'followed-post': 'followed-post',
  report: 'report',
};

/**
 * Queues the mail for one new entry in the write's transaction, so it goes out exactly when the write
 * commits, once (the dedupe key is the entry's). Nobody without an address gets one; before the
 * signing key is loaded (never while requests are served) nothing is queued.
 */
async function queueMail(tx: Queryable, notification: NotificationForDelivery, mail: MailSetup): Promise<void> {
  if (!mail.secret) return;
  const [recipient] = await tx.query<{ name: string; email: string | null }>('SELECT name, email FROM people WHERE id = $1', [notification.recipientId]);
  if (!recipient?.email) return;
  const kind = MAIL_KIND[notification.kind];
  const locale = (notification.locale as MailLocale | null) ?? mail.locale;
  const message = notificationMail({
    recipient: { name: recipient.name, email: recipient.email, locale },
    kind,
    actors: notification.actorNames,
    count: notification.count,
    targetTitle: notification.targetTitle ?? 'Plaza',
    // A follow has no page: the mail leads to the intranet's Plaza instead.
    permalink: notification.permalink ?? mail.publicUrl,
    excerpt: notification.excerpt || undefined,
    unsubscribeUrl: unsubscribeUrl(mail.publicUrl, mail.secret, { personId: notification.recipientId, kind, locale }),
  });
  await enqueue(tx, { channel: 'email', recipient: notification.recipientId, dedupeKey: `mail:notification:${notification.id}`, payload: message });
}
