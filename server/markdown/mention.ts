import type { MarkdownIt, StateInline, Token } from 'markdown-it';
import { MENTION_PATTERN } from '../../src/core/protocol.ts';

/**
 * Plaza's mentions, `@[Anna Schmidt](person:anna.schmidt)`, as tokens of
 * their own (type `mention`, content `@Anna Schmidt`, the id in its
 * `data-person-id` attribute),
 * rendered as the span the browser turns into a <plaza-person>. Inside code
 * they stay code (code is parsed before a mention could start); inside a
 * link's text they are the text `@Anna Schmidt`, since a name tag cannot sit
 * inside a link. server/mentions.ts counts the same tokens.
 */

const MENTION_AT = new RegExp(MENTION_PATTERN.source, 'y');

function mention(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
  MENTION_AT.lastIndex = state.pos;
  const found = MENTION_AT.exec(state.src.slice(0, state.posMax));
  if (!found) return false;
  if (!silent) {
    const shown = `@${found[1]!}`;
    if (state.linkLevel > 0) {
      state.pending += shown;
    } else {
      const token = state.push('mention', 'span', 0);
      token.content = shown;
      token.attrs = [['data-person-id', found[2]!]];
    }
  }
  state.pos += found[0].length;
  return true;
}

export function plazaMentions(md: MarkdownIt): void {
  md.inline.ruler.before('link', 'mention', mention);
  const escape = md.utils.escapeHtml;
  md.renderer.rules.mention = (tokens, idx) => {
    const token = tokens[idx]!;
    return `<span class="mention" data-person-id="${escape(personId(token))}">${escape(token.content)}</span>`;
  };
}

/** The person ids of the mentions in `tokens` (markdown-it's block tokens), in order, repeats included. */
export function mentionIds(tokens: readonly Token[]): string[] {
  return tokens.flatMap((token) =>
    token.type === 'inline' ? (token.children ?? []).filter((child) => child.type === 'mention').map((child) => personId(child)) : [],
  );
}

function personId(mention: Token): string {
  return String(mention.attrGet('data-person-id'));
}
