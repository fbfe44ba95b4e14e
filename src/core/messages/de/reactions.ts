import type { PartOf } from '../types.ts';
import type { messages as en } from '../en/reactions.ts';

/** German, written as German (Sie-form): what `<plaza-reactions>` says. */
export const messages: PartOf<typeof en> = {
  'reactions.label': 'Reaktionen',
  'reactions.button': { one: '{kind}: {count} Reaktion', other: '{kind}: {count} Reaktionen' },
  'reactions.who': 'Wer hat reagiert?',
  'reactions.who.close': 'Liste ausblenden',
  'reactions.who.title': 'Wer hat reagiert',
  'reactions.who.more': 'Weitere anzeigen',
  'reactions.who.empty': 'Noch keine Reaktionen.',
  'reactions.loading': 'Reaktionen werden geladen …',
  'reactions.loadFailed': 'Die Reaktionen konnten nicht geladen werden.',
  'reactions.signInToRead': 'Melden Sie sich an, um die Reaktionen zu sehen.',
  'reactions.saveFailed': 'Ihre Reaktion wurde nicht gespeichert. {reason}',
};
