import type { MessagePart } from '../../core/i18n.ts';

/** What `<plaza-reactions>` says, one module per built-in language (src/core/messages/): only pages with it load them (decision 180). */
export const reactionsMessages: MessagePart = {
  de: () => import('../../core/messages/de/reactions.ts').then((m) => m.messages),
  en: () => import('../../core/messages/en/reactions.ts').then((m) => m.messages),
};
