import type { PartOf } from '../types.ts';
import type { messages as en } from '../en/profile-card.ts';

/** German, written as German (Sie-form): what `<plaza-profile-card>` says. */
export const messages: PartOf<typeof en> = {
  'profile.activity': 'Zuletzt aktiv',
  'profile.loading': 'Profil wird geladen …',
  'profile.notFound': 'Person nicht gefunden',
  'profile.notFound.detail': 'Im Verzeichnis gibt es niemanden mit dieser Kennung.',
  'profile.loadFailed': 'Das Profil konnte nicht geladen werden.',
  'profile.signInToRead': 'Melden Sie sich an, um das Profil zu sehen.',
  'profile.department': 'Abteilung',
  'profile.location': 'Standort',
  'profile.manager': 'Vorgesetzte/r',
  'profile.contact': 'Kontakt',
  'profile.mail': 'E-Mail schreiben',
  'profile.call': 'Anrufen',
  'profile.chat': 'Chat starten',
  'profile.followers': { zero: 'Noch keine Follower', one: '1 Follower', other: '{count} Follower' },
  'profile.follow': 'Folgen',
  'profile.unfollow': 'Nicht mehr folgen',
  'profile.followed': 'Sie folgen jetzt {name}.',
  'profile.unfollowed': 'Sie folgen {name} nicht mehr.',
  'profile.follow.failed': 'Ihre Änderung wurde nicht gespeichert. {reason}',
};
