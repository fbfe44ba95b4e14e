import type { Queryable } from '../../../server/db.ts';
import { notificationMail, type MailNotification } from '../../../server/delivery/mail.ts';
import { enqueue } from '../../../server/delivery/outbox.ts';

/** Resolves once `done()` is true; fails with `what` after `ms`. */
export async function waitUntil(done: () => boolean, ms: number, what: () => string): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error(what());
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Queues a reply notification mail to `personId` (at `<personId>@intranet.example`), as the notification projector will. */
export function queueMail(db: Queryable, personId: string, dedupeKey: string, overrides: Partial<MailNotification> = {}): Promise<boolean> {
  return enqueue(db, {
    channel: 'email',
    recipient: personId,
    dedupeKey,
    payload: notificationMail({
      recipient: { name: personId, email: `${personId}@intranet.example`, locale: 'de' },
      kind: 'reply',
      actors: ['Jonas Richter'],
      count: 1,
      targetTitle: dedupeKey,
      permalink: `https://intranet.example/t/${encodeURIComponent(dedupeKey)}`,
      unsubscribeUrl: 'https://intranet.example/api/v1/unsubscribe?token=x',
      ...overrides,
    }),
  });
}
