import type { MessagePart } from '../../core/i18n.ts';

/**
 * What the shared writing parts say (composer field, mentions, draft preview, exact times): the
 * elements that show them, `<plaza-comments>` and `<plaza-activity-feed>`, list it with their own
 * (decision 180).
 */
export const composerMessages: MessagePart = {
  de: () => import('../../core/messages/de/composer.ts').then((m) => m.messages),
  en: () => import('../../core/messages/en/composer.ts').then((m) => m.messages),
};
