import type { Queryable } from '../db.ts';
import { MAIL_WORDS, subjectOf, type MailLocale } from '../delivery/mail-phrases.ts';
import { enqueuePersonalTeamsCard } from '../delivery/teams.ts';
import type { NotificationForDelivery } from './for-delivery.ts';
import { addresseeOf, MAIL_KIND } from './mail-content.ts';

/** What a personal Teams card needs: the Workflows webhook (`PLAZA_TEAMS_WEBHOOK_URL`), and where Plaza is for a follow's link. */
export interface TeamsSetup {
  url: string;
  publicUrl?: string;
  /** The cards' language: the directory has no language per person yet. */
  locale: MailLocale;
}

/**
 * Queues a card for the entry's recipient, addressed by their directory e-mail (which is, in
 * Microsoft 365, their sign-in name as a rule), in the write's transaction; once per entry.
 * Someone without an address gets none: no Workflow could find their chat.
 */
export async function queueTeamsNotification(tx: Queryable, notification: NotificationForDelivery, teams: TeamsSetup): Promise<void> {
  const to = await addresseeOf(tx, notification.recipientId);
  if (!to) return;
  const locale = (notification.locale as MailLocale | null) ?? teams.locale;
  const link = notification.permalink ?? teams.publicUrl;
  await enqueuePersonalTeamsCard(tx, teams.url, `notification:${notification.id}`, { id: notification.recipientId, ...to }, {
    title: subjectOf(locale, MAIL_KIND[notification.kind], {
      actors: notification.actorNames,
      count: notification.count,
      targetTitle: notification.targetTitle ?? 'Plaza',
    }),
    lines: notification.excerpt ? [notification.excerpt] : [],
    links: link ? [{ title: MAIL_WORDS[locale].open, url: link }] : [],
  });
}
