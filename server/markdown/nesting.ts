import type { MarkdownIt, StateBlock } from 'markdown-it';

/**
 * Block quotes nest at most this deep, as in Plaza's first converter; a
 * deeper `>` shows as the text it is. markdown-it's own maxNesting stops
 * everything else, but it drops what lies deeper instead of showing it.
 */
export const MAX_QUOTE_DEPTH = 4;

const QUOTE_DEPTH = Symbol('quote depth');

export function limitQuoteDepth(md: MarkdownIt): void {
  const rule = md.block.ruler.__rules__.find((candidate) => candidate.name === 'blockquote')!;
  const blockquote = rule.fn;
  md.block.ruler.at(
    'blockquote',
    (state: StateBlock, startLine: number, endLine: number, silent: boolean) => {
      const depth = (state.env[QUOTE_DEPTH] as number | undefined) ?? 0;
      if (depth >= MAX_QUOTE_DEPTH) return false;
      state.env[QUOTE_DEPTH] = depth + 1;
      try {
        return blockquote(state, startLine, endLine, silent);
      } finally {
        state.env[QUOTE_DEPTH] = depth;
      }
    },
    { alt: rule.alt },
  );
}
