import type { Queryable } from '../db.ts';
import { ProblemError } from '../problem.ts';
import type { MailKind } from './mail-phrases.ts';

/**
 * What delivery needs from the notification preferences (h12-notify's
 * `notification_settings` table and `GET/PUT /me/notification-settings`):
 * one way to change a person's channel for a kind, in the caller's
 * transaction. Injected (start.ts `startPlaza`'s `ports`), not imported, so
 * the outbox and the unsubscribe link do not depend on how preferences are
 * stored; the lead binds the real one at merge.
 */
export type NotificationChannel = 'in-app' | 'email' | 'digest' | 'teams' | 'off';

export type SetNotificationChannel = (tx: Queryable, personId: string, kind: MailKind, channel: NotificationChannel) => Promise<void>;

/** Until the preferences are bound: an unsubscribe link says it cannot work yet, rather than pretending. */
export const unboundPreferences: SetNotificationChannel = async () => {
  throw new ProblemError('unavailable', 503, 'Notification preferences are not available on this server yet.');
};
