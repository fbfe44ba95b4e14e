import type { Queryable } from '../db.ts';
import { chooseNotificationChannels } from '../store/notification-settings.ts';
import { unknownPeople } from '../store/people.ts';
import type { MailKind } from './mail-phrases.ts';

/**
 * What delivery needs from the notification preferences (h12-notify's
 * `notification_settings` table and `GET/PUT /me/notification-settings`):
 * one way to change a person's channel for a kind, in the caller's
 * transaction. Injected (start.ts `startPlaza`'s `ports`; tests pass a
 * stand-in), so the unsubscribe link does not depend on how preferences are
 * stored; by default it is bound to the `notification_settings` table.
 */
export type NotificationChannel = 'in-app' | 'email' | 'digest' | 'teams' | 'off';

export type SetNotificationChannel = (tx: Queryable, personId: string, kind: MailKind, channel: NotificationChannel) => Promise<void>;

/**
 * The preferences of `GET/PUT /me/notification-settings`. A person erased
 * since the mail was sent has nothing left to stop: nothing is written.
 */
export const storedPreferences: SetNotificationChannel = async (tx, personId, kind, channel) => {
  if ((await unknownPeople(tx, [personId])).length > 0) return;
  await chooseNotificationChannels(tx, personId, { [kind]: channel });
};
