import { MENTION_PATTERN } from './protocol.ts';
import { nativeSanitizer } from './sanitizer-api.ts';

/**
 * Turns what people wrote into DOM nodes that are safe to show, whatever the
 * backend sent. The server renders Markdown to HTML (decision 105); the page
 * has no Markdown parser (decision 108) and passes that HTML through the
 * browser's Sanitizer API, or DOMPurify where the browser has none (decision
 * 182), with one allowlist (content-rules.ts), into a DocumentFragment that Lit
 * renders as nodes. A backend that sends no html field gets its text shown as
 * plain text. No string ever reaches innerHTML in Plaza's code.
 */

type Sanitize = (html: string) => DocumentFragment;

/** The sanitiser in use: undefined until chosen, null while DOMPurify is on its way (or failed to come). */
let sanitize: Sanitize | null | undefined;
let purifyLoading: Promise<void> | undefined;

function sanitizer(): Sanitize | null {
  return (sanitize ??= nativeSanitizer() ?? null);
}

/**
 * Undefined once HTML can be sanitised; else the promise of DOMPurify, asked for now (browsers
 * without the Sanitizer API). The elements that show what people wrote wait for it before they
 * draw (`PlazaElement.ready`). It never rejects: a failed load is logged, texts show as plain
 * text meanwhile, and the next element to ask tries again.
 */
export function sanitizerLoading(): Promise<void> | undefined {
  if (sanitizer()) return undefined;
  return (purifyLoading ??= import('./purify.ts').then(
    (purify) => {
      sanitize = purify.purifySanitizer();
    },
    (error: unknown) => {
      purifyLoading = undefined;
      console.error('[plaza] DOMPurify could not be loaded; comments show as plain text', error);
    },
  ));
}

/** Sanitises HTML into a fragment of the current document (after `sanitizerLoading()`; it throws before). */
export function sanitizeHtml(html: string): DocumentFragment {
  const chosen = sanitizer();
  if (!chosen) throw new Error('[plaza] sanitizeHtml before sanitizerLoading() was done');
  return chosen(html);
}

/** What a comment or feed item carries: its Markdown, and the server's HTML of it (absent from a backend that renders none). */
export interface Written {
  text: string;
  html?: string | undefined;
}

/**
 * Safe nodes for what someone wrote: the server's HTML, sanitised; without
 * it (another backend, or a copy not yet answered by the server) the text as
 * plain text, with its line breaks and its mentions as names.
 */
export function renderWritten({ text, html }: Written): DocumentFragment {
  // Without a sanitiser (DOMPurify failed to load), the text as typed: never unsanitised HTML.
  if (!html || !sanitizer()) return plainText(text);
  const ready = prepared.get(html);
  if (ready) {
    prepared.delete(html);
    return ready;
  }
  return sanitizeHtml(html);
}

/**
 * Text as it was typed: a paragraph with `<br>` for each line break, and each
 * mention `@[Name](person:id)` as the span the server's HTML has for it, so
 * callers make name tags of both alike. Built as nodes, so nothing in the
 * text is ever parsed as markup.
 */
export function plainText(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  if (!text) return fragment;
  const paragraph = document.createElement('p');
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((line, i) => {
    if (i > 0) paragraph.append(document.createElement('br'));
    let at = 0;
    for (const match of line.matchAll(MENTION_PATTERN)) {
      paragraph.append(line.slice(at, match.index));
      const mention = document.createElement('span');
      mention.className = 'mention';
      mention.dataset.personId = match[2]!;
      mention.textContent = `@${match[1]!}`;
      paragraph.append(mention);
      at = match.index + match[0].length;
    }
    paragraph.append(line.slice(at));
  });
  fragment.append(paragraph);
  return fragment;
}

/** Fragments made ahead by prepareHtml, each handed out once, dropped after the task that made them. */
const prepared = new Map<string, DocumentFragment>();
const SPLIT = 'plaza-split';

/**
 * Sanitises many HTML texts about to be rendered (a page of comments) in one
 * DOMPurify pass: each call parses a whole new document, which for a thread
 * costs more than everything else in the comments together (with DOMPurify;
 * the Sanitizer API's parse is cheaper, but one pass is still fewer). Each text is
 * wrapped in a marked span. The server's renderer escapes whatever the
 * author typed and closes every tag it opens, so the wrappers come back
 * whole; should they not (HTML from elsewhere: the count or a wrapper's class
 * differs), nothing is prepared and each text is sanitised alone, as without
 * this.
 */
export function prepareHtml(htmls: readonly string[]): void {
  const fresh = [...new Set(htmls)].filter((html) => html && !prepared.has(html));
  if (fresh.length < 2 || !sanitizer()) return;
  const joined = fresh.map((html) => `<span class="${SPLIT}">${html}</span>`).join('');
  const wrappers = [...sanitizeHtml(joined).children];
  if (wrappers.length !== fresh.length || wrappers.some((wrapper) => wrapper.className !== SPLIT)) return;
  if (prepared.size === 0) setTimeout(() => prepared.clear());
  fresh.forEach((html, i) => {
    const fragment = document.createDocumentFragment();
    fragment.append(...wrappers[i]!.childNodes);
    prepared.set(html, fragment);
  });
}
