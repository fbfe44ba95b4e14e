import type { MessagePart } from '../../core/i18n.ts';

/** What `<plaza-comments>` says, one module per built-in language (src/core/messages/): only pages with it load them (decision 180). */
export const commentsMessages: MessagePart = {
  de: () => import('../../core/messages/de/comments.ts').then((m) => m.messages),
  en: () => import('../../core/messages/en/comments.ts').then((m) => m.messages),
};
