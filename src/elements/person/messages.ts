import type { MessagePart } from '../../core/i18n.ts';

/** What `<plaza-person>` says, one module per built-in language (src/core/messages/): only pages with it load them (decision 180). */
export const personMessages: MessagePart = {
  de: () => import('../../core/messages/de/person.ts').then((m) => m.messages),
  en: () => import('../../core/messages/en/person.ts').then((m) => m.messages),
};
