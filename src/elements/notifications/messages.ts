import type { MessagePart } from '../../core/i18n.ts';

/** What `<plaza-notifications>` says, one module per built-in language (src/core/messages/): only pages with it load them (decision 180). */
export const notificationsMessages: MessagePart = {
  de: () => import('../../core/messages/de/notifications.ts').then((m) => m.messages),
  en: () => import('../../core/messages/en/notifications.ts').then((m) => m.messages),
};
