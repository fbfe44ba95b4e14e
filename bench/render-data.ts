/**
 * A lively thread for bench/render.ts, the same on every run (a seeded
 * random generator): 50 top-level comments with their replies embedded, as
 * one `GET /threads/{key}/comments` answers; Markdown of every kind Plaza
 * renders (emphasis, links, bare URLs, lists, quotes, code, mentions),
 * replies that start by mentioning whom they answer, reactions on most
 * comments (some of them the reader's), a few edits. Each comment carries
 * the `html` the server's renderer makes of its text, as the server sends it.
 */
import { markdownToHtml } from '../server/markdown/render.ts';
import { DEFAULT_REACTION_KINDS, mentionMarkdown, type Comment, type CommentThread, type Me, type Person, type ThreadComment } from '../src/core/protocol.ts';

const TOP_LEVEL = 50;

const FIRST = ['Anna', 'Jonas', 'Ayşe', 'Klaus-Dieter', 'Sophie', 'Mehmet', 'Lena', 'Thomas', 'Heike', 'Lukas', 'Birgit', 'Niklas', 'Ursula', 'Frank'];
const LAST = ['Lehmann', 'Richter', 'Demir', 'Hoffmann', 'Wagner', 'Özdemir', 'Fischer', 'Müller', 'Wolf', 'Schneider', 'Koch', 'Braun'];
const ROLES = ['Netzplaner Strom', 'Kundenberaterin', 'Wassermeister', 'Werkstudentin', 'Disponent', 'Personalreferentin', null, 'Leiterin Kommunikation'];

const SENTENCES = [
  'Danke für die schnelle Umsetzung, das hilft uns im Alltag sehr.',
  'Gibt es dazu schon einen Termin für die Schulung?',
  'Wir haben das im Team besprochen und sind **grundsätzlich dafür**.',
  'Bei uns im Betriebshof Nord funktioniert das *leider noch nicht* zuverlässig.',
  'Die Details stehen im [Wiki](https://intranet.example/wiki/kantine/speiseplan).',
  'Siehe auch https://intranet.example/news/2026/betriebsversammlung für die Folien.',
  'Der Befehl `vpn-connect --profile werk` hat bei mir geholfen.',
  'Könnten wir das ~~nächste~~ übernächste Woche noch einmal aufgreifen?',
  'Ich schlage vor, dass wir die Rückmeldungen bis Freitag sammeln.',
  'Für die Kolleginnen und Kollegen im Schichtdienst wäre eine Aufzeichnung gut.',
];
const LISTS = ['- Allergene kennzeichnen\n- vegetarische Gerichte markieren\n- Preise anzeigen', '1. Antrag stellen\n2. Freigabe abwarten\n3. Termin buchen'];
const QUOTES = ['> Gutes Essen ist die beste Mitarbeiterbindung.', '> Bitte bis Ende März melden.'];
const CODE = '```\nping intranet.example\n```';

export function benchThread(size: number): { thread: CommentThread; me: Me; people: Person[] } {
  const random = mulberry32(size);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const people: Person[] = Array.from({ length: 40 }, (_, i) => ({
    id: `person-${i}`,
    name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
    role: ROLES[i % ROLES.length] ?? null,
    department: 'Stadtwerke',
  }));
  const reader = people[0]!;
  const start = Date.now() - 3 * 24 * 3_600_000;
  let sequence = 0;

  const text = (answering?: Person): string => {
    const parts: string[] = [];
    if (answering) parts.push(`${mentionMarkdown(answering)} ${pick(SENTENCES)}`);
    const paragraphs = 1 + Math.floor(random() * 3);
    for (let p = 0; p < paragraphs; p++) {
      const roll = random();
      if (roll < 0.12) parts.push(pick(LISTS));
      else if (roll < 0.2) parts.push(pick(QUOTES));
      else if (roll < 0.24) parts.push(CODE);
      else if (roll < 0.34) parts.push(`${pick(SENTENCES)} Frag am besten ${mentionMarkdown(pick(people))}.`);
      else parts.push(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(SENTENCES)).join(' '));
    }
    return parts.join('\n\n');
  };

  const comment = (parentId: string | null, answering?: Person): Comment => {
    const id = `01JBENCH${String(++sequence).padStart(18, '0')}`;
    const author = pick(people);
    const createdAt = new Date(start + sequence * 137_000).toISOString();
    const counts = Object.fromEntries(DEFAULT_REACTION_KINDS.map((kind) => [kind, random() < 0.35 ? Math.floor(random() * 12) : 0]));
    const mine = DEFAULT_REACTION_KINDS.filter((kind) => counts[kind]! > 0 && random() < 0.15);
    const body = text(answering);
    return {
      id,
      threadKey: KEY,
      parentId,
      author,
      text: body,
      // As the server stores it (decision 106): rendered once, when written.
      html: markdownToHtml(body),
      mentions: [...new Set([...body.matchAll(/\(person:([^)]+)\)/g)].map((m) => m[1]!))],
      state: 'published',
      version: 1,
      createdAt,
      editedAt: random() < 0.05 ? new Date(Date.parse(createdAt) + 600_000).toISOString() : null,
      reactions: { target: `comment:${id}`, counts, mine },
    };
  };

  const repliesEach = Math.round(size / TOP_LEVEL) - 1;
  const items: ThreadComment[] = Array.from({ length: TOP_LEVEL }, () => {
    const top = comment(null);
    const replies: Comment[] = [];
    for (let r = 0; r < repliesEach; r++) {
      // Most replies answer someone in the conversation, as the composer writes them.
      const earlier = [top, ...replies];
      replies.push(comment(top.id, random() < 0.6 ? pick(earlier).author! : undefined));
    }
    return { ...top, replies, replyCount: replies.length, repliesCursor: null };
  }).reverse();
  const thread: CommentThread = {
    key: KEY,
    sort: 'newest',
    closed: false,
    count: size,
    limits: { commentLength: 10_000, mentionsPerComment: 20 },
    items,
    nextCursor: null,
  };
  return { thread, me: { user: reader, can: { react: true, comment: true, moderate: false } }, people };
}

const KEY = 'page:/bench/betriebsversammlung';

/** A small, seeded random generator: the same thread on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
