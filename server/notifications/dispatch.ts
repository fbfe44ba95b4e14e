import type { NotificationChannel } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import { notificationMail } from '../delivery/mail.ts';
import { enqueue } from '../delivery/outbox.ts';
import { noteForDigest } from '../store/digests.ts';
import type { NotificationForDelivery } from './for-delivery.ts';
import { addresseeOf, mailNotificationFor, type MailSetup } from './mail-content.ts';
import { queueTeamsNotification, type TeamsSetup } from './teams-content.ts';

export { forDelivery, type NotificationForDelivery } from './for-delivery.ts';
export type { MailSetup } from './mail-content.ts';
export type { TeamsSetup } from './teams-content.ts';

/** What the channels beyond the list need; a channel not set up on this server is absent (its entries stay in the list). */
export interface DeliverySetup {
  mail?: MailSetup;
  teams?: TeamsSetup;
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
export async function dispatch(tx: Queryable, notification: NotificationForDelivery, channel: NotificationChannel, setup: DeliverySetup = {}): Promise<void> {
  switch (channel) {
    case 'in-app':
    case 'off':
      return;
    case 'email':
      if (setup.mail) await queueMail(tx, notification, setup.mail);
      return;
    case 'digest':
      // The day's digest (notifications/digest.ts) mails what is still unread then; without e-mail it stays in the list alone.
      if (setup.mail) await noteForDigest(tx, notification.id, notification.recipientId);
      return;
    case 'teams':
      // A card to the person through the Workflows webhook (decision 197); moderators' channel alerts go through projections/teams-alerts.ts.
      if (setup.teams) await queueTeamsNotification(tx, notification, setup.teams);
      return;
  }
}

/**
 * Queues the mail for one new entry in the write's transaction, so it goes out exactly when the write
 * commits, once (the dedupe key is the entry's). Nobody without an address gets one; before the
 * signing key is loaded (never while requests are served) nothing is queued.
 */
async function queueMail(tx: Queryable, notification: NotificationForDelivery, mail: MailSetup): Promise<void> {
  if (!mail.secret) return;
  const to = await addresseeOf(tx, notification.recipientId);
  if (!to) return;
  const message = notificationMail(mailNotificationFor(notification, to, { ...mail, secret: mail.secret }));
  await enqueue(tx, { channel: 'email', recipient: notification.recipientId, dedupeKey: `mail:notification:${notification.id}`, payload: message });
}
