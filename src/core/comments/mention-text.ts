import { MENTION_PATTERN, mentionMarkdown, type Person } from '../protocol.ts';

/*
 * The text side of `@`-mentions, apart from any DOM so it can be tested
 * alone: where a mention is being typed, what choosing a person makes of the
 * text, and how many people a text mentions.
 */

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
 * The text with `person`'s mention in place of the typed query, and where the
 * caret goes: after the mention and one space, so the reader writes on (no
 * space is added before a space or punctuation that is already there).
 */
export function withMention(text: string, at: MentionQuery, person: Pick<Person, 'id' | 'name'>): { text: string; caret: number } {
  const rest = text.slice(at.end);
  const inserted = mentionMarkdown(person) + (/^[\s,.;:!?)\]]/.test(rest) ? '' : ' ');
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
