import type { PlazaOptions } from '../config.ts';
import type { DeliveryServices } from '../context.ts';
import type { Database } from '../db.ts';
import { mailSender } from './mail-sender.ts';
import type { DeliveryChannel } from './outbox.ts';
import { storedPreferences, type SetNotificationChannel } from './preferences-port.ts';
import type { Sender } from './senders.ts';
import { signingSecret } from './server-secret.ts';
import { teamsSender } from './teams.ts';
import { webhookSender } from './webhooks.ts';
import { DeliveryWorker } from './worker.ts';

/** What start.ts may plug in from outside: the preferences an unsubscribe link changes (default: the stored ones). */
export interface DeliveryPorts {
  setNotificationChannel?: SetNotificationChannel;
}

/**
 * Builds the delivery side of a server once, after the migrations: the
 * signing secret, a sender per configured channel and the worker over them.
 * start.ts starts the worker and closes it at shutdown.
 */
export async function createDelivery(db: Database, options: PlazaOptions, ports: DeliveryPorts): Promise<{ services: DeliveryServices; worker: DeliveryWorker }> {
  const senders: Partial<Record<DeliveryChannel, Sender>> = {};
  if (options.smtpUrl && options.mailFrom && options.publicUrl) senders.email = mailSender(options.smtpUrl, options.mailFrom, options.publicUrl);
  if (options.teamsWebhookUrl) senders.teams = teamsSender;
  if (options.webhooks.length > 0) senders.webhook = webhookSender(options.webhooks);
  const worker = new DeliveryWorker(
    db,
    senders,
    {
      maxAttempts: options.deliveryMaxAttempts,
      leaseSeconds: options.deliveryLeaseSeconds,
      retryBaseMs: options.deliveryRetryBaseMs,
      pollMs: options.deliveryPollMs,
      mailMaxPerHour: options.mailMaxPerHour,
    },
    options.logger,
  );
  const secret = await signingSecret(db, options.secret);
  return { services: { secret, setNotificationChannel: ports.setNotificationChannel ?? storedPreferences }, worker };
}
