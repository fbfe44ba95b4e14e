import type { NotificationKind } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import type { MailKind, MailLocale, MailNotification } from '../delivery/mail.ts';
import { unsubscribeUrl } from '../delivery/unsubscribe-token.ts';
import type { NotificationForDelivery } from './for-delivery.ts';

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

/** Who a mail (or a personal Teams card) goes to: their name and address from the directory. */
export interface Addressee {
  name: string;
  email: string;
}

/** A person's name and address, or null for someone the directory has no address for (they get no mail). */
export async function addresseeOf(db: Queryable, personId: string): Promise<Addressee | null> {
  const [row] = await db.query<{ name: string; email: string | null }>('SELECT name, email FROM people WHERE id = $1', [personId]);
  return row?.email ? { name: row.name, email: row.email } : null;
}

/** A watched thread's comment is mailed as a reply: its setting is `reply`'s (NOTIFICATION_SETTING_KINDS). */
export const MAIL_KIND: Record<NotificationKind, MailKind> = {
  mention: 'mention',
  reply: 'reply',
  comment: 'reply',
  reaction: 'reaction',
  follow: 'follow',
  'followed-post': 'followed-post',
  report: 'report',
};

/** One entry as a mail template takes it, with its unsubscribe link; used by the mail at once and by the digest. */
export function mailNotificationFor(notification: NotificationForDelivery, to: Addressee, mail: MailSetup & { secret: string }): MailNotification {
  const kind = MAIL_KIND[notification.kind];
  const locale = (notification.locale as MailLocale | null) ?? mail.locale;
  return {
    recipient: { name: to.name, email: to.email, locale },
    kind,
    actors: notification.actorNames,
    count: notification.count,
    targetTitle: notification.targetTitle ?? 'Plaza',
    // A follow has no page: the mail leads to the intranet's Plaza instead.
    permalink: notification.permalink ?? mail.publicUrl,
    excerpt: notification.excerpt || undefined,
    unsubscribeUrl: unsubscribeUrl(mail.publicUrl, mail.secret, { personId: notification.recipientId, kind, locale }),
  };
}
