import type { MessagePart } from '../../core/i18n.ts';

/** What `<plaza-activity-feed>` says, one module per built-in language (src/core/messages/): only pages with it load them (decision 180). */
export const activityFeedMessages: MessagePart = {
  de: () => import('../../core/messages/de/activity-feed.ts').then((m) => m.messages),
  en: () => import('../../core/messages/en/activity-feed.ts').then((m) => m.messages),
};
