import { SEED_NEWS_SPACE } from './news.ts';

/**
 * What happened at Stadtwerke Musterstadt besides the news comments: status
 * posts, who follows whom, and who is new. Times are relative to the seed
 * (hours before it ran), so the feed always looks current. Bodies are
 * Markdown; mentions name only seeded people.
 */
export interface SeedStatus {
  by: string;
  hoursAgo: number;
  body: string;
  /** Posted to a space (see `ActivityScope`) rather than only the author's feed. */
  space?: string;
  /** Reactions to the post (target `activity:<id>`); not activities themselves. */
  reactions?: Record<string, string[]>;
}

export const SEED_STATUS_POSTS: SeedStatus[] = [
  {
    by: 'juergen.mueller',
    hoursAgo: 13 * 24 + 5,
    body:
      'Die Umstellung im Umspannwerk Nord ist abgeschlossen – ohne einen einzigen Versorgungsausfall. Großes Dankeschön an ' +
      '@[Lukas Schneider](person:lukas.schneider) und @[Mehmet Yılmaz](person:mehmet.yilmaz) für die Nachtschichten!',
    reactions: { celebrate: ['claudia.hoffmann', 'frank.zimmermann', 'lukas.schneider'], like: ['stefan.fischer', 'thomas.becker'] },
  },
  {
    by: 'monika.schaefer',
    hoursAgo: 12 * 24 + 2,
    body:
      'Herzlich willkommen an unseren neuen Auszubildenden @[Niklas Braun](person:niklas.braun)! Wer ihn in den ersten Wochen ' +
      'mal mitnehmen möchte, meldet sich bitte bei @[Birgit Koch](person:birgit.koch).',
    reactions: { love: ['birgit.koch', 'heike.wolf'], like: ['julia.schmitt', 'markus.wagner'] },
  },
  {
    by: 'thomas.becker',
    hoursAgo: 11 * 24 + 7,
    body:
      'Am Samstag zwischen 8 und 12 Uhr spielen wir Updates im Rechenzentrum ein. Outlook und das Intranet sind in der Zeit ' +
      'zeitweise nicht erreichbar. Bei Fragen gern an @[Jonas Richter](person:jonas.richter) wenden.',
    reactions: { like: ['petra.schulz'] },
  },
  {
    by: 'marie.klein',
    hoursAgo: 10 * 24 + 3,
    body:
      'Die Ergebnisse der Quartalsbeprobung sind da: alle Werte deutlich unter den Grenzwerten der Trinkwasserverordnung. 💧 ' +
      'Den Bericht findet ihr unter *Wasserwerk → Qualität*.',
    reactions: { insight: ['stefan.fischer', 'claudia.hoffmann'], like: ['andreas.schroeder'] },
  },
  {
    by: 'katharina.weber',
    hoursAgo: 8 * 24 + 1,
    space: SEED_NEWS_SPACE.key,
    body:
      'Die neue Ausgabe der Mitarbeiterzeitung **Stromlinie** ist online – diesmal mit einer Reportage aus dem Wasserwerk Nord ' +
      'und den Gewinnerbildern unseres Fotowettbewerbs.',
    reactions: { like: ['julia.schmitt', 'marie.klein', 'andreas.schroeder'] },
  },
  {
    by: 'sophie.hartmann',
    hoursAgo: 7 * 24 + 4,
    body:
      'Erste Bilanz nach einem Monat E-Carsharing: 214 Fahrten, rund 9.800 km und kein einziges liegengebliebenes Auto. Danke an ' +
      '@[Frank Zimmermann](person:frank.zimmermann) für die vielen Einweisungen!',
    reactions: { celebrate: ['markus.wagner', 'dennis.krause'], like: ['frank.zimmermann'] },
  },
  {
    by: 'ayse.demir',
    hoursAgo: 6 * 24 + 1,
    body:
      'Wir begrüßen @[Anna Lehmann](person:anna.lehmann) im Team Kundenberatung! Ab Montag findet ihr sie im Kundencenter Altstadt. ' +
      'Schaut gern mal vorbei und sagt Hallo.',
    reactions: { love: ['sabine.krueger', 'elena.jovanovic'], like: ['anna.lehmann'] },
  },
  {
    by: 'karl-heinz.vogel',
    hoursAgo: 5 * 24 + 9,
    body: 'Der Rohrbruch in der Lindenstraße ist repariert, alle Anwohner haben wieder Wasser. War eine lange Nacht – danke an alle, die mit angepackt haben.',
    reactions: { like: ['andreas.schroeder', 'stefan.fischer', 'marie.klein', 'juergen.mueller'] },
  },
  {
    by: 'birgit.koch',
    hoursAgo: 4 * 24 + 6,
    body: 'Erinnerung: Die Anmeldung für den Firmenlauf endet am Freitag. Bisher sind wir 23 Läuferinnen und Läufer – da geht noch was! 🏃',
    reactions: { like: ['niklas.braun', 'dennis.krause'] },
  },
  {
    by: 'goekhan.oezdemir',
    hoursAgo: 3 * 24 + 2,
    body:
      'Die Budgetplanung für das kommende Jahr ist abgeschlossen. Danke an alle Kostenstellenverantwortlichen für die pünktlichen ' +
      'Meldungen – und an @[Ursula Walter](person:ursula.walter) fürs Zusammenführen.',
    reactions: { like: ['petra.schulz', 'ursula.walter'] },
  },
  {
    by: 'lea.neumann',
    hoursAgo: 26,
    space: SEED_NEWS_SPACE.key,
    body: 'Kleiner Tipp zum SharePoint-Umzug: Unter *Hilfe → Migration* gibt es jetzt eine Checkliste, was ihr vor dem Umzug aufräumen solltet.',
    reactions: { insight: ['goekhan.oezdemir', 'petra.schulz'] },
  },
  {
    by: 'heike.wolf',
    hoursAgo: 5,
    body: 'Heute gibt es in der Kantine zum ersten Mal die vegane Currywurst. @[Lukas Schneider](person:lukas.schneider), du wolltest doch probieren? 😄',
    reactions: { like: ['lukas.schneider', 'jonas.richter'] },
  },
  {
    by: 'stefan.fischer',
    hoursAgo: 2,
    body:
      'Für den Tag der offenen Tür im Wasserwerk Nord suchen wir noch Freiwillige für die Führungen. Wer Lust hat, meldet sich bei mir ' +
      'oder bei @[Andreas Schröder](person:andreas.schroeder).',
  },
];

/**
 * Who follows whom since when; each is also a `follow` activity. Lukas
 * Schneider, Heike Wolf and Niklas Braun follow and are followed by nobody:
 * the server tests count their follows from zero.
 */
export const SEED_FOLLOWS: Array<{ by: string; follows: string; hoursAgo: number }> = [
  { by: 'mehmet.yilmaz', follows: 'juergen.mueller', hoursAgo: 13 * 24 + 2 },
  { by: 'birgit.koch', follows: 'monika.schaefer', hoursAgo: 12 * 24 },
  { by: 'jonas.richter', follows: 'lea.neumann', hoursAgo: 11 * 24 + 3 },
  { by: 'frank.zimmermann', follows: 'juergen.mueller', hoursAgo: 10 * 24 + 6 },
  { by: 'julia.schmitt', follows: 'katharina.weber', hoursAgo: 8 * 24 },
  { by: 'dennis.krause', follows: 'sophie.hartmann', hoursAgo: 7 * 24 + 2 },
  { by: 'anna.lehmann', follows: 'ayse.demir', hoursAgo: 6 * 24 - 2 },
  { by: 'anna.lehmann', follows: 'sabine.krueger', hoursAgo: 6 * 24 - 3 },
  { by: 'elena.jovanovic', follows: 'anna.lehmann', hoursAgo: 5 * 24 + 4 },
  { by: 'marie.klein', follows: 'andreas.schroeder', hoursAgo: 4 * 24 + 1 },
  { by: 'thomas.becker', follows: 'lea.neumann', hoursAgo: 30 },
  { by: 'markus.wagner', follows: 'sophie.hartmann', hoursAgo: 4 },
];

/** New colleagues, from the directory (a `joined` activity each). */
export const SEED_JOINED: Array<{ id: string; hoursAgo: number }> = [
  { id: 'niklas.braun', hoursAgo: 12 * 24 + 4 },
  { id: 'anna.lehmann', hoursAgo: 6 * 24 + 3 },
];
