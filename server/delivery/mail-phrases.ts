/**
 * The words of Plaza's e-mails, German and English. German is written as
 * German (Sie, „…“ quotes, "Anna und 4 weitere"), not translated word by word.
 * Pure functions of the notification; mail.ts lays them out.
 */

/** What a mail is about; the same kinds as the notification preferences. */
export const MAIL_KINDS = ['mention', 'reply', 'reaction', 'follow', 'followed-post', 'report'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
export type MailLocale = 'de' | 'en';

export interface Phrasing {
  /** Who did it: names, most recent first. */
  actors: readonly string[];
  /** How many did it in all (a bundle of reactions); at least actors.length. */
  count: number;
  targetTitle: string;
}

/** "Anna Schmidt", "Anna Schmidt und Ben Wolf", "Anna Schmidt und 4 weitere". */
export function actorsPhrase(locale: MailLocale, actors: readonly string[], count: number): string {
  const first = actors[0] ?? (locale === 'de' ? 'Jemand' : 'Someone');
  const total = Math.max(count, actors.length, 1);
  const and = locale === 'de' ? 'und' : 'and';
  if (total === 1) return first;
  if (total === 2 && actors[1]) return `${first} ${and} ${actors[1]}`;
  const others = total - 1;
  if (locale === 'de') return others === 1 ? `${first} und eine weitere Person` : `${first} und ${others} weitere`;
  return others === 1 ? `${first} and one other` : `${first} and ${others} others`;
}

/** The subject line, which is also the mail's one-sentence message. */
export function subjectOf(locale: MailLocale, kind: MailKind, p: Phrasing): string {
  const who = actorsPhrase(locale, p.actors, p.count);
  const many = Math.max(p.count, p.actors.length) > 1;
  const title = locale === 'de' ? `„${p.targetTitle}“` : `“${p.targetTitle}”`;
  if (locale === 'de') {
    switch (kind) {
      case 'mention':
        return `${who} ${many ? 'haben' : 'hat'} Sie in ${title} erwähnt`;
      case 'reply':
        return `${who} ${many ? 'haben' : 'hat'} auf Ihren Kommentar in ${title} geantwortet`;
      case 'reaction':
        return `${who} ${many ? 'haben' : 'hat'} auf Ihren Beitrag in ${title} reagiert`;
      case 'follow':
        return `${who} ${many ? 'folgen' : 'folgt'} Ihnen jetzt`;
      case 'followed-post':
        return `${many ? 'Neue Beiträge' : 'Neuer Beitrag'} von ${who}`;
      case 'report':
        return `Neue Meldung zu einem Kommentar in ${title}`;
    }
  }
  switch (kind) {
    case 'mention':
      return `${who} mentioned you in ${title}`;
    case 'reply':
      return `${who} replied to your comment in ${title}`;
    case 'reaction':
      return `${who} reacted to your post in ${title}`;
    case 'follow':
      return `${who} ${many ? 'are' : 'is'} now following you`;
    case 'followed-post':
      return `${many ? 'New posts' : 'New post'} by ${who}`;
    case 'report':
      return `New report on a comment in ${title}`;
  }
}

/** What each kind is called where a person turns it off ("E-Mails zu Erwähnungen abbestellen"). */
const KIND_NAMES: Record<MailLocale, Record<MailKind, string>> = {
  de: {
    mention: 'Erwähnungen',
    reply: 'Antworten',
    reaction: 'Reaktionen',
    follow: 'neuen Followern',
    'followed-post': 'Beiträgen von Personen, denen Sie folgen',
    report: 'Meldungen',
  },
  en: {
    mention: 'mentions',
    reply: 'replies',
    reaction: 'reactions',
    follow: 'new followers',
    'followed-post': 'posts by people you follow',
    report: 'reports',
  },
};

/** The fixed words around the message. */
export const MAIL_WORDS = {
  de: {
    greeting: (name: string) => `Guten Tag ${name},`,
    open: 'In Plaza öffnen',
    unsubscribe: (kind: MailKind) => `Keine E-Mails mehr zu ${KIND_NAMES.de[kind]}`,
    why: 'Sie erhalten diese E-Mail, weil Sie in Plaza, dem Austausch im Intranet, benachrichtigt werden möchten.',
    digestSubject: (n: number) => (n === 1 ? 'Ihre Zusammenfassung: 1 Neuigkeit in Plaza' : `Ihre Zusammenfassung: ${n} Neuigkeiten in Plaza`),
    digestIntro: 'das ist seit Ihrer letzten Zusammenfassung in Plaza passiert:',
  },
  en: {
    greeting: (name: string) => `Hello ${name},`,
    open: 'Open in Plaza',
    unsubscribe: (kind: MailKind) => `No more e-mails about ${KIND_NAMES.en[kind]}`,
    why: 'You receive this e-mail because you asked Plaza, the intranet’s conversation space, to notify you.',
    digestSubject: (n: number) => (n === 1 ? 'Your digest: 1 update in Plaza' : `Your digest: ${n} updates in Plaza`),
    digestIntro: 'this is what happened in Plaza since your last digest:',
  },
} as const;
