import DOMPurify, { type Config } from 'dompurify';
import type { TrustedTypePolicy, TrustedTypePolicyFactory } from 'trusted-types/lib/index.js';
import { MENTION_PATTERN } from './protocol.ts';

/**
 * Turns what people wrote into DOM nodes that are safe to show, whatever the
 * backend sent. The server renders Markdown to HTML (decision 105); the page
 * has no Markdown parser (decision 108) and passes that HTML through DOMPurify
 * (an instance of our own, so our hooks never touch a page's DOMPurify) into a
 * DocumentFragment that Lit renders as nodes. A backend that sends no html field
 * gets its text shown as plain text. No string ever reaches innerHTML in
 * Plaza's code.
 */

const ALLOWED: Config = {
  // What the server's renderer writes (server/markdown/, decisions 100-101): headings and thematic breaks included.
  ALLOWED_TAGS: ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'blockquote', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr'],
  // `start`: an ordered list's first number, as the server's CommonMark renderer writes it (`3. drei` stays 3).
  // `title`: a link's title (`[Intranet](https://intranet.example "Startseite")`), shown as its tooltip.
  ALLOWED_ATTR: ['href', 'title', 'class', 'data-person-id', 'start'],
  // DOMPurify checks the value of an attribute it does not know as URI-safe against ALLOWED_URI_REGEXP: a number is no URL.
  ADD_URI_SAFE_ATTR: ['start'],
  // The server's rule (isSafeUrl, decision 102): http, https, mailto, or no scheme at all (a relative address:
  // nothing but letters before the first `/`, `?` or `#` may end in a colon). Anything else loses its href.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^:/?#]*(?:[/?#]|$))/i,
  RETURN_DOM_FRAGMENT: true,
};

let purifier: ReturnType<typeof DOMPurify> | undefined;

function instance(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  purifier = DOMPurify(window);
  // Set once: a config passed to every sanitize() call is parsed again each time (~70 ms per 1,000 comments).
  const trusted = trustedTypesPolicy();
  purifier.setConfig({ ...ALLOWED, ...(trusted ? { TRUSTED_TYPES_POLICY: trusted } : {}), RETURN_DOM_FRAGMENT: true });
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node instanceof HTMLAnchorElement) {
      // User-generated links open outside the intranet page and pass on nothing.
      node.setAttribute('rel', 'noopener noreferrer ugc');
      node.setAttribute('target', '_blank');
    }
  });
  return purifier;
}

/**
 * The one Trusted Types policy Plaza creates, used only to hand DOMPurify's own
 * parser its input. Pages that list allowed policy names in their CSP
 * (`trusted-types …`) must allow `plaza` (and `lit-html` for Lit).
 */
let policy: Pick<TrustedTypePolicy, 'name' | 'createHTML'> | null | undefined;

function trustedTypesPolicy(): TrustedTypePolicy | undefined {
  const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;
  if (policy === undefined) {
    try {
      policy = factory?.createPolicy('plaza', { createHTML: (html: string) => html }) ?? null;
    } catch (error) {
      console.warn('[plaza] could not create the "plaza" Trusted Types policy; DOMPurify falls back to its own', error);
      policy = null;
    }
  }
  // DOMPurify only ever calls createHTML on the policy it is given.
  return (policy ?? undefined) as TrustedTypePolicy | undefined;
}

/** Sanitises HTML into a fragment of the current document. */
export function sanitizeHtml(html: string): DocumentFragment {
  return instance().sanitize(html) as unknown as DocumentFragment;
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
  if (!html) return plainText(text);
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
 * costs more than everything else in the comments together. Each text is
 * wrapped in a marked span. The server's renderer escapes whatever the
 * author typed and closes every tag it opens, so the wrappers come back
 * whole; should they not (HTML from elsewhere: the count or a wrapper's class
 * differs), nothing is prepared and each text is sanitised alone, as without
 * this.
 */
export function prepareHtml(htmls: readonly string[]): void {
  const fresh = [...new Set(htmls)].filter((html) => html && !prepared.has(html));
  if (fresh.length < 2) return;
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
