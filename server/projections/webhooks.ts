import type { WebhookTarget } from '../config/delivery.ts';
import type { ProfileField } from '../config/privacy.ts';
import { enqueue } from '../delivery/outbox.ts';
import { wantsEvent, type WebhookPayload } from '../delivery/webhooks.ts';
import { isLogged } from '../events/types.ts';
import { PERSONAL_TOPIC_PREFIX } from '../notifications/topic.ts';
import { ulid } from '../ids.ts';
import { shownEvent } from '../profile-fields.ts';
import type { Projector } from './projector.ts';

/**
 * Outgoing webhooks (PLAZA_WEBHOOKS): each public event a write logs is
 * queued once for every webhook that asked for its type, in the write's
 * transaction. Private events (no topic) never leave, nor a person's own
 * (their notifications: read, withdrawn by the purge, whatever a route or a
 * purge publishes on their personal topic; decision 206). Events other projectors
 * derive (the feed's `activity.created`) are not seen by projectors and so
 * are not sent (decision 177). People in an event leave as colleagues see
 * them (`profileFields`, PLAZA_PROFILE_FIELDS: a changed entry's e-mail and
 * phone only if listed, name tags' role and picture by it), unless the
 * webhook asked for `"profile": "full"` (decision 226).
 */
export function webhookDeliveries(targets: readonly WebhookTarget[], profileFields: readonly ProfileField[]): Projector {
  return {
    name: 'webhooks',
    async project(tx, events) {
      for (const event of events) {
        if (!isLogged(event) || event.topic.startsWith(PERSONAL_TOPIC_PREFIX)) continue;
        for (const target of targets) {
          if (!wantsEvent(target, event.type)) continue;
          // As a signed-in colleague reads it (no viewer: nobody's own entry is whole here).
          const sent = target.profile === 'full' ? event : shownEvent(event, null, profileFields);
          const payload: WebhookPayload = { type: event.type, event: sent };
          // One row per event and webhook: the key is new for each event, never reused.
          await enqueue(tx, { channel: 'webhook', recipient: target.url, dedupeKey: `webhook:${ulid()}`, payload });
        }
      }
    },
  };
}
