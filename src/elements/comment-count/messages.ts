import type { MessagePart } from '../../core/i18n.ts';

/** What `<plaza-comment-count>` says, one module per built-in language (src/core/messages/): only pages with it load them (decision 180). */
export const commentCountMessages: MessagePart = {
  de: () => import('../../core/messages/de/comment-count.ts').then((m) => m.messages),
  en: () => import('../../core/messages/en/comment-count.ts').then((m) => m.messages),
};
