import type { Database, Transaction } from '../db.ts';
import type { Publish, WriteEvent } from '../events/types.ts';
import type { DeliveryOptions } from '../config/delivery.ts';
import type { PrivacyOptions } from '../config/privacy.ts';
import { activityFeed } from './activity-feed.ts';
import { moderationAudit } from './moderation-audit.ts';
import { notificationsProjector, type NotificationSetup } from './notifications.ts';
import { project, type Projector } from './projector.ts';
import { teamsAlerts } from './teams-alerts.ts';
import { webhookDeliveries } from './webhooks.ts';

/**
 * Every projector, in the order they run after a write. A new consumer of
 * what writes record (notifications, an audit log, insight counters) is a
 * file in this folder and one line here.
 */
export const PROJECTORS: readonly Projector[] = [activityFeed, moderationAudit];

/** The projectors that queue what leaves Plaza, where configured (Teams alerts, webhooks); start.ts runs them after `projectorsFor`. */
export function deliveryProjectors(options: DeliveryOptions & Pick<PrivacyOptions, 'profileFields'>): Projector[] {
  const projectors: Projector[] = [];
  if (options.teamsWebhookUrl) projectors.push(teamsAlerts(options.teamsWebhookUrl, options.publicUrl));
  if (options.webhooks.length > 0) projectors.push(webhookDeliveries(options.webhooks, options.profileFields));
  return projectors;
}

/** The projectors of a running server: those above, and those that depend on its settings. */
export function projectorsFor(notifications: NotificationSetup): Projector[] {
  return [...PROJECTORS, notificationsProjector(notifications)];
}

/**
 * A write outside the event bus (a directory import from the command line):
 * its events reach every projector in its transaction, as with
 * `EventBus.transaction`, but nothing is logged or announced; pages show the
 * result when next loaded.
 */
export async function withoutBus<T>(db: Database, work: (tx: Transaction, publish: Publish) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const events: WriteEvent[] = [];
    const value = await work(tx, async (event) => {
      events.push(event);
    });
    await project(tx, PROJECTORS, events, false);
    return value;
  });
}
