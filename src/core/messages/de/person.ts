import type { PartOf } from '../types.ts';
import type { messages as en } from '../en/person.ts';

/** German, written as German (Sie-form): what `<plaza-person>` says. */
export const messages: PartOf<typeof en> = {
  'person.unknown': 'Unbekannte Person',
  'person.close': 'Schließen',
  'profile.label': 'Profil von {name}',
};
