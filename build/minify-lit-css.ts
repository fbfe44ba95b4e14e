import type { Plugin } from 'vite';

/**
 * Minifies the CSS inside Lit's css`…` tagged templates in our own sources at build time.
 *
 * Deliberately small and conservative (it is not a CSS parser):
 * - strips comments and collapses whitespace runs to one space;
 * - drops whitespace around `{`, `}`, `;`, `,` and after `:`, and the `;` before `}`;
 * - never touches whitespace before `:` (`.a :hover` is not `.a:hover`), nor around `+`, `-`,
 *   `*`, `/`, `>` or `~` (calc()/min()/max()/clamp() arithmetic needs its spaces);
 * - keeps quoted strings, escapes and `${…}` interpolations byte for byte; whitespace next to an
 *   interpolation is collapsed to one space, never removed.
 */
export function minifyCss(text: string): string {
  let out = '';
  let i = 0;
  let pendingSpace = false;
  const tight = (c: string | undefined) => c === '{' || c === '}' || c === ';' || c === ',' || c === ':';
  const emit = (s: string) => {
    if (pendingSpace && out !== '' && !tight(out.at(-1)) && !'{};,'.includes(s[0]!)) out += ' ';
    pendingSpace = false;
    out += s;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      pendingSpace = true; // a comment separates like whitespace
    } else if (/\s/.test(c)) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      pendingSpace = true;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      emit(text.slice(i, j + 1));
      i = j + 1;
    } else if (c === '\\') {
      emit(text.slice(i, i + 2));
      i += 2;
    } else {
      if (c === '}' && out.at(-1) === ';' && out.at(-2) !== '\\') out = out.slice(0, -1);
      // Before `:` a space is kept (selectors); after it dropped via tight() (declarations, @media).
      if (c === ':' && pendingSpace && out !== '' && !tight(out.at(-1))) {
        out += ' ';
        pendingSpace = false;
      }
      emit(c);
      i++;
    }
  }
  return out;
}

/** Minifies each static part of a css`` template's raw text; `${…}` stays and keeps a space either side if it had one. */
function minifyTemplate(parts: string[]): string[] {
  return parts.map((part, index) => {
    const lead = index > 0 && /^\s/.test(part) ? ' ' : '';
    const trail = index < parts.length - 1 && /\s$/.test(part) ? ' ' : '';
    const body = minifyCss(part);
    return body === '' ? (lead || trail) : lead + body + trail;
  });
}

/** Index just past the template literal whose opening backtick is at `start`; fills `parts` and `exprs` with raw text. */
function scanTemplate(code: string, start: number, parts: string[], exprs: string[]): number {
  let i = start + 1;
  let part = '';
  while (i < code.length) {
    const c = code[i]!;
    if (c === '\\') {
      part += code.slice(i, i + 2);
      i += 2;
    } else if (c === '`') {
      parts.push(part);
      return i + 1;
    } else if (c === '$' && code[i + 1] === '{') {
      parts.push(part);
      part = '';
      const end = scanExpression(code, i + 2);
      exprs.push(code.slice(i, end));
      i = end;
    } else {
      part += c;
      i++;
    }
  }
  throw new Error('unterminated template literal');
}

/** Index just past the `}` closing an interpolation that starts at `i` (nested braces, strings and templates aware). */
function scanExpression(code: string, i: number): number {
  let depth = 1;
  while (i < code.length) {
    const c = code[i]!;
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
    else if (c === '`') {
      i = scanTemplate(code, i, [], []);
      continue;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < code.length && code[j] !== c) j += code[j] === '\\' ? 2 : 1;
      i = j;
    }
    i++;
  }
  throw new Error('unterminated ${…} in a template literal');
}

/** A version 3 source map of one file. */
export interface SourceMap {
  version: 3;
  sources: string[];
  sourcesContent: string[];
  names: string[];
  mappings: string;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function vlq(n: number): string {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let s = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v) digit |= 32;
    s += B64[digit];
  } while (v);
  return s;
}

/**
 * Rewrites every css`…` in `code`. Returns null when there is none. The source map maps the start
 * of every output line, and of every copied stretch, to where it came from.
 */
export function minifyLitCss(code: string, file = ''): { code: string; map: SourceMap } | null {
  return rewriteTemplates(code, file, /(?<![\w$.-])(css|html)`/g, (tag, parts) => (tag === 'css' ? minifyTemplate(parts) : parts.map(collapseLines)));
}

/**
 * In html`` templates, whitespace that spans lines (the source's indentation) becomes one
 * space. HTML collapses such a run to one space anyway, so the DOM renders the same; Plaza's
 * templates put no text in <pre> or <textarea> and use no `white-space: pre*`. Runs within a
 * line are left alone.
 */
function collapseLines(part: string): string {
  return part.replace(/[ \t]*\n\s*/g, ' ');
}

function rewriteTemplates(
  code: string,
  file: string,
  re: RegExp,
  minify: (tag: string, parts: string[]) => string[],
): { code: string; map: SourceMap } | null {
  // [outOffset, inOffset] at the start of every stretch copied unchanged or produced from one place.
  const anchors: Array<[number, number]> = [[0, 0]];
  let out = '';
  let last = 0;
  let found = false;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const tick = m.index + m[0].length - 1;
    const parts: string[] = [];
    const exprs: string[] = [];
    const end = scanTemplate(code, tick, parts, exprs);
    found = true;
    out += code.slice(last, tick + 1);
    const min = minify(m[1]!, parts);
    let from = tick + 1;
    for (let k = 0; k < min.length; k++) {
      anchors.push([out.length, from]);
      out += min[k];
      from += parts[k]!.length;
      if (k < exprs.length) {
        anchors.push([out.length, from]);
        // Templates nested in an interpolation (`${open ? html`…` : nothing}`) get the same treatment;
        // their inner lines map to the interpolation's start, which is near enough for a stack trace.
        out += rewriteTemplates(exprs[k]!, file, new RegExp(re.source, 'g'), minify)?.code ?? exprs[k];
        from += exprs[k]!.length;
      }
    }
    anchors.push([out.length, end - 1]);
    out += '`';
    last = end;
    anchors.push([out.length, end]);
    re.lastIndex = end;
  }
  if (!found) return null;
  out += code.slice(last);

  // Line/column of an input offset.
  const lineStarts = [0];
  for (let k = 0; k < code.length; k++) if (code[k] === '\n') lineStarts.push(k + 1);
  const position = (offset: number): [number, number] => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo, offset - lineStarts[lo]!];
  };
  // Input offset of an output offset: the anchor at or before it, plus the distance when unchanged.
  let a = 0;
  const origin = (offset: number): number => {
    while (a + 1 < anchors.length && anchors[a + 1]![0] <= offset) a++;
    const [o, i] = anchors[a]!;
    return Math.min(i + (offset - o), code.length);
  };
  const lines: string[] = [];
  let prevLine = 0;
  let prevCol = 0;
  let segs: string[] = [];
  let outCol = 0;
  let lastOutCol = 0;
  const segment = (offset: number) => {
    const [line, col] = position(origin(offset));
    segs.push(vlq(outCol - lastOutCol) + 'A' + vlq(line - prevLine) + vlq(col - prevCol));
    lastOutCol = outCol;
    prevLine = line;
    prevCol = col;
  };
  let anchor = 0;
  for (let k = 0; k <= out.length; k++) {
    if (k === 0 || out[k - 1] === '\n') {
      if (k > 0) lines.push(segs.join(','));
      segs = [];
      outCol = 0;
      lastOutCol = 0;
      if (k < out.length) segment(k);
    } else {
      while (anchor < anchors.length && anchors[anchor]![0] < k) anchor++;
      if (anchor < anchors.length && anchors[anchor]![0] === k) segment(k);
    }
    outCol++;
  }
  lines.push(segs.join(','));
  return { code: out, map: { version: 3, sources: [file], sourcesContent: [code], names: [], mappings: lines.join(';') } };
}

/**
 * Vite plugin for src/**\/*.ts at build time (the dev server, tests and Storybook keep the
 * readable source): css`` minified, and html`` templates' line indentation collapsed. Only plaza.js and the class modules get smaller; the CSSOM
 * Chromium builds from them is the same (custom property values aside, whose serialisation keeps
 * the author's spaces after commas).
 */
export function minifyLitCssPlugin(): Plugin {
  return {
    name: 'plaza:minify-lit-css',
    apply: 'build',
    enforce: 'pre',
    transform: (code, id) => (/\/src\/.*\.ts$/.test(id.split('?')[0]!) && /(?<![\w$.-])(css|html)`/.test(code) ? minifyLitCss(code, id) : null),
  };
}
