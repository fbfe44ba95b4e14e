import type { PlazaNotification, NotificationKind } from '../../src/core/protocol.ts';

/**
 * A notification as a mail or a Teams message renders it: everything a
 * template needs, nothing it must look up. Made from the in-app entry by
 * `forDelivery`.
 */
export interface NotificationForDelivery {
  /** The in-app entry's id (an unsubscribe or "mark read" link may name it). */
  id: string;
  recipientId: string;
  /** The recipient's language, when the directory knows it (it does not yet: null means the server's default). */
  locale: string | null;
  kind: NotificationKind;
  /** Who did it, newest first, at most 3; `count` says how many people in all ("Anna und 4 weitere"). */
  actorNames: string[];
  count: number;
  /** The page's title, when known. */
  targetTitle: string | null;
  /** The page's URL with `#comment-<id>` (absolute: pages are kept as absolute URLs); null for a follow or a status post. */
  permalink: string | null;
  /** The start of the text as plain text; empty for a follow. */
  excerpt: string;
}

export function forDelivery(recipientId: string, notification: PlazaNotification): NotificationForDelivery {
  return {
    id: notification.id,
    recipientId,
    locale: null,
    kind: notification.kind,
    actorNames: notification.actors.map((actor) => actor.name),
    count: notification.count,
    targetTitle: notification.page?.title ?? null,
    permalink: notification.permalink,
    excerpt: notification.excerpt,
  };
}
