import { MENTION_PATTERN, mentionMarkdown, type Person } from '../protocol.ts';

/*
 * The text side of `@`-mentions, apart from any DOM so it can be tested
 * alone: where a mention is being typed, what choosing a person makes of the
 * text, how many people a text mentions, and the two forms of a mention
 * (decision 84): composers show `@Jürgen Müller`, what is stored and sent is
 * `@[Jürgen Müller](person:juergen.mueller)`.
 */

/**
 * The names a composer shows as mentions, to the ids they stand for. It
 * learns every mention the composer's text held and every person chosen from
 * the list; two colleagues of the same name in one text are both the one
 * chosen last.
 */
export type MentionNames = Map<string, string>;

/** The text as the reader sees it while writing: each mention as `@Name`, learnt into `names`. */
export function shownMentions(text: string, names: MentionNames): string {
  return text.replace(MENTION_PATTERN, (_, label: string, id: string) => {
    names.set(label, id);
    return `@${label}`;
  });
}

/**
 * The text to store and send: every `@Name` the composer knows, standing
 * whole (no letter before the `@` or after the name), as its mention. A name
 * the reader changed is no longer known, so it stays the plain text it now is.
 */
export function storedMentions(shown: string, names: MentionNames): string {
  if (!names.size) return shown;
  const labels = [...names.keys()].sort((a, b) => b.length - a.length).map((label) => label.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'));
  const known = new RegExp(`(?<![\\p{L}\\p{M}\\p{Nd}])@(${labels.join('|')})(?![\\p{L}\\p{M}\\p{Nd}])`, 'gu');
  return shown.replace(known, (_, label: string) => `@[${label}](person:${names.get(label)})`);
}

/** Whether the `@` at `start` begins a whole mention the composer knows (the caret is past it, not typing a name). */
export function isKnownMention(shown: string, start: number, names: MentionNames): boolean {
  return storedMentions(shown.slice(start), names).startsWith('@[');
}

/** A mention being typed: `@` at `start`, then `query`, up to the caret. */
export interface MentionQuery {
  start: number;
  end: number;
  query: string;
}

/**
 * `@` after a space, an opening bracket or quote (so `anna@firma.de` is no
 * mention), then up to three words of a name. The words allow what names
 * have: letters with accents, apostrophes, dots and hyphens.
 */
const TYPING = /(?:^|[\s([{"'„“‚‘])@([\p{L}\p{M}][\p{L}\p{M}\p{Nd}'’.-]{0,39}(?: [\p{L}\p{M}\p{Nd}'’.-]{0,40}){0,2})$/u;

/** The mention typed right before the caret, if any. */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const match = TYPING.exec(before);
  if (!match) return null;
  const query = match[1]!;
  return { start: caret - query.length - 1, end: caret, query };
}

/**
 * The shown text with `person`'s name in place of the typed query (and the
 * person in `names`), and where the caret goes: after the name and one space,
 * so the reader writes on (no space is added before a space or punctuation
 * that is already there).
 */
export function withMention(text: string, at: MentionQuery, person: Pick<Person, 'id' | 'name'>, names: MentionNames): { text: string; caret: number } {
  const rest = text.slice(at.end);
  const inserted = shownMentions(mentionMarkdown(person), names) + (/^[\s,.;:!?)\]]/.test(rest) ? '' : ' ');
  const caret = at.start + inserted.length + (rest.startsWith(' ') ? 1 : 0);
  return { text: text.slice(0, at.start) + inserted + rest, caret };
}

const FENCE = /^\s{0,3}(```|~~~)/;
const CODE_SPAN = /`([^`]+)`/g;

/**
 * The distinct people a text mentions, as the server counts them against its
 * `mentionsPerComment`: code spans and fenced blocks show as code, so they mention nobody.
 */
export function mentionedIds(text: string): string[] {
  const ids = new Set<string>();
  let inFence = false;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    else if (!inFence) for (const match of line.replace(CODE_SPAN, '').matchAll(MENTION_PATTERN)) ids.add(match[2]!);
  }
  return [...ids];
}
