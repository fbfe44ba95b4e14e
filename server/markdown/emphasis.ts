import type { MarkdownIt, StateInline } from 'markdown-it';

/**
 * Two differences from markdown-it's emphasis, both about what comments hold:
 * ~~strike~~ is <del> (the element Plaza's sanitiser allows and its first
 * converter wrote; markdown-it writes <s>), and a `*` with a digit on both
 * sides is arithmetic, not emphasis: `2*3*4` stays as typed, as it always did
 * in Plaza (CommonMark would make the 3 italic; decision 103).
 */
export function plazaEmphasis(md: MarkdownIt): void {
  md.inline.ruler.before('emphasis', 'arithmetic', arithmetic);
  md.renderer.rules.s_open = () => '<del>';
  md.renderer.rules.s_close = () => '</del>';
}

function arithmetic(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x2a /* * */ || !isDigit(src.charCodeAt(pos - 1))) return false;
  let end = pos;
  while (end < state.posMax && src.charCodeAt(end) === 0x2a) end++;
  if (!isDigit(src.charCodeAt(end))) return false;
  if (!silent) state.pending += src.slice(pos, end);
  state.pos = end;
  return true;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
