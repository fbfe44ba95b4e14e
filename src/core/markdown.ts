/**
 * Plaza's Markdown: a small, safe subset for comments and status posts —
 * paragraphs and line breaks, **strong**, *emphasis*, ~~strike~~, `code`,
 * fenced code blocks, [links](https://…), bare https:// links (ending before
 * quotes, brackets and sentence punctuation), lists, quotes,
 * and mentions `@[Anna Schmidt](person:anna.schmidt)`.
 *
 * It writes HTML by escaping every character of the source first and adding
 * only its own tags, and its output still goes through DOMPurify (content.ts)
 * before it reaches the DOM: defence in depth, because no one writes a
 * Markdown parser without a bug.
 */

import { MENTION_PATTERN } from './protocol.ts';

/** Deep quote nesting is an attack on the parser, not a conversation. */
const MAX_QUOTE_DEPTH = 4;

const FENCE = /^\s{0,3}(```|~~~)/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const ORDERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const BLANK = /^\s*$/;

export function markdownToHtml(source: string, depth = 0): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (BLANK.test(line)) {
      i++;
    } else if (FENCE.test(line)) {
      const body: string[] = [];
      for (i++; i < lines.length && !FENCE.test(lines[i]!); i++) body.push(lines[i]!);
      i++; // the closing fence, or the end
      blocks.push(`<pre><code>${escapeHtml(body.join('\n'))}</code></pre>`);
    } else if (QUOTE.test(line) && depth < MAX_QUOTE_DEPTH) {
      const body: string[] = [];
      for (; i < lines.length && QUOTE.test(lines[i]!); i++) body.push(QUOTE.exec(lines[i]!)![1]!);
      blocks.push(`<blockquote>${markdownToHtml(body.join('\n'), depth + 1)}</blockquote>`);
    } else if (BULLET.test(line) || ORDERED.test(line)) {
      const ordered = ORDERED.test(line);
      const pattern = ordered ? ORDERED : BULLET;
      const items: string[] = [];
      for (; i < lines.length && !BLANK.test(lines[i]!); i++) {
        const item = pattern.exec(lines[i]!);
        if (item) items.push(item[1]!);
        else if (items.length && /^\s+\S/.test(lines[i]!)) items[items.length - 1] += `\n${lines[i]!.trim()}`;
        else break;
      }
      const tag = ordered ? 'ol' : 'ul';
      blocks.push(`<${tag}>${items.map((item) => `<li>${inlineLines(item)}</li>`).join('')}</${tag}>`);
    } else {
      const body: string[] = [];
      for (; i < lines.length && !startsBlock(lines[i]!); i++) body.push(lines[i]!);
      blocks.push(`<p>${inlineLines(body.join('\n'))}</p>`);
    }
  }
  return blocks.join('');
}

function startsBlock(line: string): boolean {
  return BLANK.test(line) || FENCE.test(line) || QUOTE.test(line) || BULLET.test(line) || ORDERED.test(line);
}

function inlineLines(text: string): string {
  return text.split('\n').map((line) => inline(line.trim())).join('<br>');
}

/**
 * Inline markup. Code spans, mentions and links become placeholders first so
 * that emphasis and autolinking never reach inside them; placeholders cannot
 * occur in the escaped text because it never contains U+0000.
 */
/* eslint-disable no-control-regex -- U+0000 marks the placeholders, on purpose */
function inline(text: string): string {
  const held: string[] = [];
  const hold = (html: string) => `\u0000${held.push(html) - 1}\u0000`;
  let out = text.replace(/\u0000/g, '');
  out = out.replace(/`([^`]+)`/g, (_, code: string) => hold(`<code>${escapeHtml(code)}</code>`));
  out = out.replace(MENTION_PATTERN, (_, name: string, id: string) =>
    hold(`<span class="mention" data-person-id="${escapeHtml(id)}">@${escapeHtml(name)}</span>`),
  );
  // A destination may hold balanced parentheses, as Wikipedia's `…/wiki/Kassel_(Stadt)` does.
  out = out.replace(/\[([^\]\n]{1,500})\]\(((?:[^()\s]|\([^()\s]*\)){1,2000})\)/g, (whole, label: string, url: string) =>
    isSafeUrl(url) ? hold(`<a href="${escapeHtml(url)}">${emphasis(escapeHtml(label))}</a>`) : whole,
  );
  // Autolinks in angle brackets (`<https://…>`, `<mailto:…>`, `<name@example.com>`) show without their brackets.
  out = out.replace(ANGLE_LINK, (_, url: string) => hold(`<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`));
  out = out.replace(ANGLE_MAIL, (_, address: string) => hold(`<a href="mailto:${escapeHtml(address)}">${escapeHtml(address)}</a>`));
  // Before escaping, so that a link cannot run on through the entity an escaped quote or bracket becomes.
  out = autolink(out, hold);
  out = escapeHtml(out);
  out = emphasis(out);
  return out.replace(/\u0000(\d+)\u0000/g, (_, n: string) => held[Number(n)]!);
}
/* eslint-enable no-control-regex */

/**
 * Bare URLs in raw text, not glued to a word before them (`_` may open
 * emphasis), each up to the first space, quote, angle bracket, placeholder or
 * entity that stands for a quote or bracket (`&quot;`, `&#60;`, … as copied
 * from HTML source); autolinkEnd() trims what belongs to the sentence.
 */
// eslint-disable-next-line no-control-regex -- U+0000 marks the placeholders, on purpose
const BARE_URL = /(^|[^A-Za-z\d])(https?:\/\/(?:(?!&(?:quot|apos|[lg]t|#\w+);)[^\s<>"'\u0000])+)/g;
// eslint-disable-next-line no-control-regex -- U+0000 marks the placeholders, on purpose
const ANGLE_LINK = /<((?:https?:\/\/[^\s<>/?#]|mailto:[^\s<>@]+@)[^\s<>\u0000]{0,2000})>/g;
// eslint-disable-next-line no-control-regex -- as above
const ANGLE_MAIL = /<([^\s<>@:\u0000]{1,200}@[^\s<>@\u0000]{1,200}\.[^\s<>@\u0000]{1,50})>/g;
/** Sentence punctuation and emphasis markers after a URL belong to the sentence. */
const TRAILING = '.,:;!?*_~]';

/** Raw text with its bare URLs held as links. */
function autolink(text: string, hold: (html: string) => string): string {
  return text.replace(BARE_URL, (_, before: string, found: string) => {
    const url = autolinkEnd(found);
    const safe = escapeHtml(url);
    // Still a host after the trimming, or no link.
    return before + (/^https?:\/\/[^/?#]/.test(url) ? hold(`<a href="${safe}">${safe}</a>`) : url) + found.slice(url.length);
  });
}

/**
 * A bare URL without the punctuation that follows it in the sentence, nor a
 * closing parenthesis it did not open (it keeps the one of
 * `…/wiki/Kassel_(Stadt)`). One pass from the end: a 10,000-character
 * comment cannot stall the page.
 */
function autolinkEnd(url: string): string {
  let unopened = url.split(')').length - url.split('(').length;
  for (let end = url.length; ; end--) {
    const last = url[end - 1]!;
    if (last === ')' && unopened > 0) unopened--;
    else if (!TRAILING.includes(last)) return url.slice(0, end);
  }
}

function emphasis(html: string): string {
  return html
    .replace(/\*\*(?=\S)([^*]+?)\*\*/g, '<strong>$1</strong>')
    .replace(/__(?=\S)([^_]+?)__/g, '<strong>$1</strong>')
    .replace(/~~(?=\S)([^~]+?)~~/g, '<del>$1</del>')
    .replace(/(^|[^\w*])\*(?=\S)([^*]+?)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_(?=\S)([^_]+?)_(?!\w)/g, '$1<em>$2</em>');
}

/** Links may go to the web, to mail, or within the intranet; nothing that runs code. */
export function isSafeUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:|\/(?!\/)|#|\?)/i.test(url);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
