import type { MarkdownIt, StateInline, Token } from 'markdown-it';

/**
 * Where links may go and what becomes one: the safe-URL rule every link,
 * autolink, bare link and image passes through (markdown-it's validateLink),
 * Plaza's bare-link rule, and images shown as links to the image.
 */

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * Links may go to the web, to mail, or within the intranet; nothing that runs
 * code or reads local files. `url` is what markdown-it hands validateLink:
 * entities and backslash escapes decoded, then percent-encoded, so a tab
 * hidden as `java&#x09;script:` arrives as `java%09script:`. Whatever has a
 * colon before its first `/`, `?` or `#` is read as having a scheme, even one
 * no browser would take for a scheme, and that scheme must be one of the
 * three; anything else is relative to the page.
 */
export function isSafeUrl(url: string): boolean {
  // markdown-it percent-encodes before it asks; a raw space or control character means it did not.
  // eslint-disable-next-line no-control-regex -- those characters are what this looks for
  if (/[\x00-\x20\x7f]/.test(url)) return false;
  const scheme = /^([^/?#]*):/.exec(url);
  return !scheme || SAFE_SCHEMES.has(scheme[1]!.toLowerCase());
}

/**
 * A bare URL as Plaza has always found it: `http://` or `https://`, not glued
 * to a letter or digit before it, up to the first space, quote, angle
 * bracket, backtick or entity that stands for a quote or bracket (`&quot;`,
 * `&#60;`, … as copied from HTML source); bareLinkEnd() trims what belongs to
 * the sentence.
 */
const BARE_URL = /https?:\/\/(?:(?!&(?:quot|apos|[lg]t|#\w+);)[^\s<>"'`])+/y;
/** Sentence punctuation and emphasis markers after a URL belong to the sentence. */
const TRAILING = '.,:;!?*_~]';

/**
 * Inline rule at the `:` of a bare URL (markdown-it's own linkify rule finds
 * links by its rules, `www.` and e-mail addresses included; Plaza keeps its
 * own): the scheme before the colon is still pending text, which only ever
 * grows by the source's characters in order (any token flushes it).
 */
function bareLink(state: StateInline, silent: boolean): boolean {
  if (state.linkLevel > 0 || state.src.charCodeAt(state.pos) !== 0x3a /* : */) return false;
  // Read in src: pending text ends with the same characters, but reading it would flatten a long
  // pending string at every colon (quadratic on `xxx…:::…`); only its length is looked at.
  const scheme = ['https', 'http'].find((name) => state.pending.length >= name.length && state.src.startsWith(name, state.pos - name.length));
  if (!scheme) return false;
  const start = state.pos - scheme.length;
  if (start > 0 && /[A-Za-z\d]/.test(state.src[start - 1]!)) return false;
  BARE_URL.lastIndex = start;
  const found = BARE_URL.exec(state.src.slice(0, state.posMax));
  if (!found) return false;
  const url = bareLinkEnd(found[0]);
  // Still a host after the trimming, or no link.
  if (!/^https?:\/\/[^/?#]/.test(url)) return false;
  const href = state.md.normalizeLink(url);
  if (!state.md.validateLink(href)) return false;
  if (!silent) {
    state.pending = state.pending.slice(0, -scheme.length);
    const open = state.push('link_open', 'a', 1);
    open.attrs = [['href', href]];
    open.markup = 'linkify';
    open.info = 'auto';
    state.push('text', '', 0).content = state.md.normalizeLinkText(url);
    const close = state.push('link_close', 'a', -1);
    close.markup = 'linkify';
    close.info = 'auto';
  }
  state.pos = start + url.length;
  return true;
}

/**
 * A bare URL without the punctuation that follows it in the sentence, nor a
 * closing parenthesis it did not open (it keeps the one of
 * `…/wiki/Kassel_(Stadt)`). One pass from the end: a long comment cannot
 * stall the server.
 */
function bareLinkEnd(url: string): string {
  let unopened = url.split(')').length - url.split('(').length;
  for (let end = url.length; end > 0; end--) {
    const last = url[end - 1]!;
    if (last === ')' && unopened > 0) unopened--;
    else if (!TRAILING.includes(last)) return url.slice(0, end);
  }
  return '';
}

/**
 * Plaza's links in `md`: the safe-URL rule for every link, Plaza's bare links
 * in place of markdown-it's linkify, `<a href>` with the link's title if it
 * has one, and images shown as links.
 */
export function plazaLinks(md: MarkdownIt): void {
  md.validateLink = isSafeUrl;
  md.set({ linkify: false });
  md.inline.ruler.after('linkify', 'bare_link', bareLink);
  const escape = md.utils.escapeHtml;
  md.renderer.rules.link_open = (tokens, idx) => {
    const token = tokens[idx]!;
    return anchor(String(token.attrGet('href')), token.attrGet('title'));
  };
  /*
   * An image becomes a link to it labelled with its alt text (or its address
   * when it has none), with the image's title: a page never loads a third
   * party's picture or tracking pixel. Inside a link's text only the label
   * shows, as links cannot nest.
   */
  md.renderer.rules.image = (tokens, idx) => {
    const token = tokens[idx]!;
    const src = String(token.attrGet('src'));
    const label = escape(plainText(token.children ?? []) || md.normalizeLinkText(src));
    return insideLink(tokens, idx) ? label : `${anchor(src, token.attrGet('title'))}${label}</a>`;
  };
  /** `<a href>` and the title if the source gave one: nothing else (rel and target are the browser's to add). */
  function anchor(href: string, title: ReturnType<Token['attrGet']>): string {
    return `<a href="${escape(href)}"${title ? ` title="${escape(String(title))}"` : ''}>`;
  }
}

/** What an image's alt text reads as: its text and code, mentions as `@Name`, nested images as their own alt text. */
function plainText(tokens: readonly Token[]): string {
  let text = '';
  for (const token of tokens) {
    if (token.type === 'image') text += plainText(token.children ?? []);
    else if (token.type === 'softbreak' || token.type === 'hardbreak') text += '\n';
    else if (['text', 'code_inline', 'mention'].includes(token.type)) text += token.content;
  }
  return text;
}

/** How many links are open at each token of an inline token list, worked out once per list: one image at a time would be quadratic. */
const openLinks = new WeakMap<readonly Token[], number[]>();

function insideLink(tokens: readonly Token[], idx: number): boolean {
  let depths = openLinks.get(tokens);
  if (!depths) {
    depths = [];
    let depth = 0;
    for (const token of tokens) {
      if (token.type === 'link_close') depth--;
      depths.push(depth);
      if (token.type === 'link_open') depth++;
    }
    openLinks.set(tokens, depths);
  }
  return depths[idx]! > 0;
}
