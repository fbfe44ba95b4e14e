import type { Messages } from './en.ts';

/** German messages, written as German (Sie-form), not translated word by word. */
export const de: Messages = {
  'reactions.label': 'Reaktionen',
  'reactions.kind.like': 'Gefällt mir',
  'reactions.kind.love': 'Herz',
  'reactions.kind.celebrate': 'Applaus',
  'reactions.kind.insight': 'Aufschlussreich',
  'reactions.kind.surprise': 'Überrascht',
  'reactions.button': { one: '{kind}: {count} Reaktion', other: '{kind}: {count} Reaktionen' },
  'reactions.who': 'Wer hat reagiert?',
  'reactions.who.close': 'Liste ausblenden',
  'reactions.who.title': 'Wer hat reagiert',
  'reactions.who.more': 'Weitere anzeigen',
  'reactions.who.empty': 'Noch keine Reaktionen.',
  'reactions.loading': 'Reaktionen werden geladen …',
  'reactions.loadFailed': 'Die Reaktionen konnten nicht geladen werden.',
  'reactions.saveFailed': 'Ihre Reaktion wurde nicht gespeichert. {reason}',
  'common.retry': 'Erneut versuchen',
  'common.dismiss': 'Schließen',
  'problem.unauthenticated': 'Bitte melden Sie sich zuerst an.',
  'problem.forbidden': 'Dazu sind Sie nicht berechtigt.',
  'problem.network': 'Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  'problem.rateLimited': 'Zu viele Anfragen. Bitte warten Sie einen Moment.',
  'problem.unknownKind': 'Diese Reaktion ist hier nicht verfügbar.',
  'problem.notFound': 'Das gibt es nicht mehr.',
  'problem.generic': 'Etwas ist schiefgelaufen ({status}).',
};
