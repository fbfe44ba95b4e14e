import { createHmac } from 'node:crypto';
import type { RealtimeEvent } from '../../src/core/protocol.ts';
import type { WebhookTarget } from '../config/delivery.ts';
import type { ClaimedDelivery } from './outbox.ts';
import { PermanentDeliveryError, postJson, type Sender } from './senders.ts';

/**
 * Outgoing webhooks (PLAZA_WEBHOOKS, decision 177). Each call is a POST of
 *
 *   { "id": <delivery id>, "type": <event type>, "timestamp": <ISO time of this attempt>,
 *     "attempt": n, "event": <the public event JSON, as the event stream carries it> }
 *
 * with `Plaza-Signature: sha256=<hex HMAC-SHA256 of the raw body under the
 * webhook's secret>`, `Plaza-Delivery: <id>` and `Plaza-Timestamp: <timestamp>`.
 * The id and time are inside the signed body too, so a receiver can refuse
 * a call older than a few minutes (replay) and one whose id it has seen
 * (a retry of a delivery it already took). docs/notifications.md shows the
 * check in Node and PowerShell.
 */

/** What the outbox keeps for a webhook delivery: the event, not the secret (looked up at send time). */
export interface WebhookPayload {
  type: RealtimeEvent['type'];
  event: RealtimeEvent;
}

/** The header value for `body` under `secret`. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Whether `target` asked for events of this type. */
export function wantsEvent(target: WebhookTarget, type: string): boolean {
  return target.events.includes('*') || target.events.includes(type);
}

/**
 * Sends webhook deliveries with the secret PLAZA_WEBHOOKS gives their URL now
 * (a secret is never written to the database). A URL no longer configured
 * fails at once: its operator took it out.
 */
export function webhookSender(targets: readonly WebhookTarget[], now: () => Date = () => new Date()): Sender {
  const secrets = new Map(targets.map((t) => [t.url, t.secret]));
  return {
    async send(delivery: ClaimedDelivery) {
      const secret = secrets.get(delivery.recipient);
      if (secret === undefined) throw new PermanentDeliveryError('This webhook is no longer in PLAZA_WEBHOOKS.');
      const { type, event } = delivery.payload as WebhookPayload;
      const timestamp = now().toISOString();
      const body = JSON.stringify({ id: delivery.id, type, timestamp, attempt: delivery.attempts, event });
      await postJson(delivery.recipient, body, {
        'plaza-signature': webhookSignature(secret, body),
        'plaza-delivery': delivery.id,
        'plaza-timestamp': timestamp,
      });
    },
  };
}
