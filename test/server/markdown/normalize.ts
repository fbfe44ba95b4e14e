import MarkdownIt from 'markdown-it';

/**
 * CommonMark's test/normalize.py (commonmark-spec, adapted there from
 * karlcow/markdown-testsuite), ported to TypeScript as faithfully as a port
 * can be: it hides output differences that do not matter (whitespace around
 * block tags, runs of whitespace, `<br />` for `<br>`, attribute order,
 * character references) before an example's expected HTML is compared with
 * Plaza's. Python's HTMLParser (with convert_charrefs off) is emulated for the
 * constructs the chunks can hold; where Python would throw, the original
 * returns its input unchanged, and so does this.
 *
 * Kept as in the original: attribute values are unescaped and escaped again
 * with cgi.escape (the URL-quoting branch never runs: it tests the value, not
 * the name), a numeric reference Python cannot decode (`&#X41;`, capital X)
 * falls back to `&X41;` without its `#`, and a `<` that starts no chunk is
 * dropped by the chunking regex.
 */

/** Python 3's `\s` and str.strip(): JavaScript's `\s` without U+FEFF, with U+001C–U+001F and U+0085. */
const WS = '\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WHITESPACE = new RegExp(`[${WS}]+`, 'g');
const LEADING = new RegExp(`^[${WS}]+`);
const TRAILING = new RegExp(`[${WS}]+$`);

const BLOCK_TAGS = new Set([
  'article', 'header', 'aside', 'hgroup', 'blockquote', 'hr', 'iframe', 'body', 'li', 'map', 'button', 'object', 'canvas',
  'ol', 'caption', 'output', 'col', 'p', 'colgroup', 'pre', 'dd', 'progress', 'div', 'section', 'dl', 'table', 'td', 'dt',
  'tbody', 'embed', 'textarea', 'fieldset', 'tfoot', 'figcaption', 'th', 'figure', 'thead', 'footer', 'tr', 'form', 'ul',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'video', 'script', 'style',
]);

const { unescapeAll } = new MarkdownIt().utils;

/** html.unescape: character references only (doubled backslashes come back single from unescapeAll). */
function unescapeReferences(text: string): string {
  return unescapeAll(text.replace(/\\/g, '\\\\'));
}

/** cgi.escape(v, quote=True). */
function cgiEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Last = 'starttag' | 'endtag' | 'data' | 'ref' | 'comment' | 'decl' | 'pi';

class Normaliser {
  output = '';
  private last: Last = 'starttag';
  private inPre = false;
  private lastTag = '';

  data(text: string): void {
    let data = text;
    const afterTag = this.last === 'endtag' || this.last === 'starttag';
    const afterBlockTag = afterTag && BLOCK_TAGS.has(this.lastTag);
    if (afterTag && this.lastTag === 'br') data = data.replace(/^\n+/, '');
    if (!this.inPre) data = data.replace(WHITESPACE, ' ');
    if (afterBlockTag && !this.inPre) {
      if (this.last === 'starttag') data = data.replace(LEADING, '');
      else if (this.last === 'endtag') data = data.replace(LEADING, '').replace(TRAILING, '');
    }
    this.output += data;
    this.last = 'data';
  }

  endTag(tag: string): void {
    if (tag === 'pre') this.inPre = false;
    else if (BLOCK_TAGS.has(tag)) this.output = this.output.replace(TRAILING, '');
    this.output += `</${tag}>`;
    this.lastTag = tag;
    this.last = 'endtag';
  }

  startTag(tag: string, attrs: Array<[string, string | null]>): void {
    if (tag === 'pre') this.inPre = true;
    if (BLOCK_TAGS.has(tag)) this.output = this.output.replace(TRAILING, '');
    this.output += `<${tag}`;
    const sorted = [...attrs].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : (x ?? '') < (y ?? '') ? -1 : (x ?? '') > (y ?? '') ? 1 : 0));
    for (const [name, value] of sorted) {
      this.output += ` ${name}`;
      if (value !== null) this.output += `="${cgiEscape(value)}"`;
    }
    this.output += '>';
    this.lastTag = tag;
    this.last = 'starttag';
  }

  startEndTag(tag: string, attrs: Array<[string, string | null]>): void {
    this.startTag(tag, attrs);
    this.lastTag = tag;
    this.last = 'endtag';
  }

  other(text: string, last: Last): void {
    this.output += text;
    this.last = last;
  }

  reference(decoded: string | null, fallback: string): void {
    const escaped: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };
    this.output += decoded === null ? fallback : (escaped[decoded] ?? decoded);
    this.last = 'ref';
  }
}

const CHUNK = /<!\[CDATA\[.*?\]\]>|<[^>]*>|[^<]+/g;
// eslint-disable-next-line no-control-regex -- Python's tag-name pattern, U+0000 included
const START_TAG = /^<([a-zA-Z][^\t\n\r\f />\x00]*)([\s\S]*?)(\/?)>$/;
const ATTRIBUTE = /((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|\/(?!>))*/g;
// eslint-disable-next-line no-control-regex -- as above
const END_TAG = /^<\/([a-zA-Z][^\t\n\r\f />\x00]*)/;
const CHARREF = /^&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]/;
const ENTITYREF = /^&([a-zA-Z][-.a-zA-Z0-9]*)[^a-zA-Z0-9]/;

export function normalizeHtml(html: string): string {
  const parser = new Normaliser();
  for (const found of html.matchAll(CHUNK)) {
    const chunk = found[0];
    if (chunk.startsWith('<![CDATA')) parser.output += chunk;
    else if (chunk.startsWith('<')) tag(parser, chunk);
    else text(parser, chunk, html.slice(found.index + chunk.length));
  }
  return parser.output;
}

function tag(parser: Normaliser, chunk: string): void {
  if (chunk.startsWith('<!--') && chunk.endsWith('-->') && chunk.length >= 7) return parser.other(chunk, 'comment');
  if (chunk.startsWith('<!')) return parser.other(chunk, 'decl');
  if (chunk.startsWith('<?')) return parser.other(chunk, 'pi');
  const end = END_TAG.exec(chunk);
  if (end) return parser.endTag(end[1]!.toLowerCase());
  const start = START_TAG.exec(chunk);
  if (!start) return parser.data(chunk);
  const attrs: Array<[string, string | null]> = [];
  for (const attribute of start[2]!.matchAll(ATTRIBUTE)) {
    if (!attribute[1]) continue;
    let value = attribute[3] ?? null;
    if (value !== null && /^(['"]).*\1$/s.test(value)) value = value.slice(1, -1);
    attrs.push([attribute[1].toLowerCase(), value ? unescapeReferences(value) : value]);
  }
  const name = start[1]!.toLowerCase();
  if (start[3]) parser.startEndTag(name, attrs);
  else parser.startTag(name, attrs);
}

/** Text between tags: data, with character references reported on their own, as HTMLParser does. */
function text(parser: Normaliser, chunk: string, after: string): void {
  let rest = chunk;
  while (rest) {
    const amp = rest.indexOf('&');
    if (amp === -1) return parser.data(rest);
    if (amp > 0) parser.data(rest.slice(0, amp));
    rest = rest.slice(amp);
    // A reference ends at a character that cannot continue it: the next chunk's `<` if need be.
    const window = rest + (after[0] ?? '');
    const charref = CHARREF.exec(window);
    const entityref = charref ? null : ENTITYREF.exec(window);
    const found = charref ?? entityref;
    if (!found) {
      parser.data('&');
      rest = rest.slice(1);
      continue;
    }
    const length = found[0].endsWith(';') ? found[0].length : found[0].length - 1;
    const name = charref ? found[0].slice(2, length).replace(/;$/, '') : entityref![1]!;
    parser.reference(charref ? characterFor(name) : entityFor(name), `&${name};`);
    rest = rest.slice(length);
  }
}

function characterFor(name: string): string | null {
  const code = name.startsWith('x') ? Number.parseInt(name.slice(1), 16) : /^\d+$/.test(name) ? Number.parseInt(name, 10) : Number.NaN;
  return Number.isNaN(code) || code > 0x10ffff ? null : String.fromCodePoint(code);
}

/** name2codepoint is HTML 4's table; markdown-it's (HTML5's) holds it, and the spec's examples use no name outside it. */
function entityFor(name: string): string | null {
  const decoded = unescapeReferences(`&${name};`);
  return decoded === `&${name};` ? null : decoded;
}
