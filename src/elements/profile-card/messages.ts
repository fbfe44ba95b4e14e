import type { MessagePart } from '../../core/i18n.ts';

/** What `<plaza-profile-card>` says, one module per built-in language (src/core/messages/): only pages with it load them (decision 180). */
export const profileCardMessages: MessagePart = {
  de: () => import('../../core/messages/de/profile-card.ts').then((m) => m.messages),
  en: () => import('../../core/messages/en/profile-card.ts').then((m) => m.messages),
};
