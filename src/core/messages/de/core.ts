import type { PartOf } from '../types.ts';
import type { messages as en } from '../en/core.ts';

/** German, written as German (Sie-form): what every element may say: retry, dismiss, the problems the client explains, the built-in reaction kinds (src/core/reaction-kinds.ts names them wherever a reaction shows). */
export const messages: PartOf<typeof en> = {
  'reactions.kind.like': 'Gefällt mir',
  'reactions.kind.love': 'Herz',
  'reactions.kind.celebrate': 'Applaus',
  'reactions.kind.insight': 'Aufschlussreich',
  'reactions.kind.surprise': 'Überrascht',
  'common.retry': 'Erneut versuchen',
  'common.dismiss': 'Schließen',
  'problem.unauthenticated': 'Bitte melden Sie sich zuerst an.',
  'problem.forbidden': 'Dazu sind Sie nicht berechtigt.',
  'problem.network': 'Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  'problem.originRefused': 'Der Server ist erreichbar, lässt diese Seite aber nicht zu. Bitte wenden Sie sich an die Betreuung des Intranets.',
  'problem.rateLimited': 'Zu viele Anfragen. Bitte warten Sie einen Moment.',
  'problem.unknownKind': 'Diese Reaktion ist hier nicht verfügbar.',
  'problem.notFound': 'Das gibt es nicht mehr.',
  'problem.unavailable': 'Der Dienst ist gerade nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.',
  'problem.generic': 'Etwas ist schiefgelaufen ({status}).',
};
