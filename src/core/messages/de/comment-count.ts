import type { PartOf } from '../types.ts';
import type { messages as en } from '../en/comment-count.ts';

/** German, written as German (Sie-form): what `<plaza-comment-count>` says. */
export const messages: PartOf<typeof en> = {
  'commentCount.label': { zero: 'Noch keine Kommentare', one: '1 Kommentar', other: '{count} Kommentare' },
  'commentCount.loading': 'Kommentare werden gezählt …',
  'commentCount.failed': 'Die Zahl der Kommentare konnte nicht geladen werden.',
  'commentCount.signInToRead': 'Melden Sie sich an, um die Kommentare zu sehen.',
};
