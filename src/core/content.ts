import DOMPurify, { type Config } from 'dompurify';
import type { TrustedTypePolicy, TrustedTypePolicyFactory } from 'trusted-types/lib/index.js';
import { markdownToHtml } from './markdown.ts';

/**
 * Turns a comment's Markdown into DOM nodes that are safe to show, whatever
 * the backend sent: Markdown → HTML → DOMPurify (an instance of our own, so
 * our hooks never touch a page's DOMPurify) → a DocumentFragment that Lit
 * renders as nodes. No string ever reaches innerHTML in Plaza's code.
 */

const ALLOWED: Config = {
  ALLOWED_TAGS: ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'blockquote', 'span'],
  ALLOWED_ATTR: ['href', 'class', 'data-person-id'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|\/(?!\/)|#|\?)/i,
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

/** Markdown in, safe nodes out. */
export function renderMarkdown(markdown: string): DocumentFragment {
  const ready = prepared.get(markdown);
  if (ready) {
    prepared.delete(markdown);
    return ready;
  }
  return sanitizeHtml(markdownToHtml(markdown));
}

/** Fragments made ahead by prepareMarkdown, each handed out once, dropped after the task that made them. */
const prepared = new Map<string, DocumentFragment>();
const SPLIT = 'plaza-split';

/**
 * Sanitises many texts about to be rendered (a page of comments) in one
 * DOMPurify pass: each call parses a whole new document, which for a thread
 * costs more than everything else in the comments together. Each text's HTML
 * is wrapped in a marked span; the Markdown renderer escapes whatever the
 * author typed and closes every tag it opens, so the wrappers come back whole.
 * Should they not (the count differs), nothing is prepared and each text is
 * sanitised alone, as without this.
 */
export function prepareMarkdown(texts: readonly string[]): void {
  const fresh = [...new Set(texts)].filter((text) => !prepared.has(text));
  if (fresh.length < 2) return;
  const html = fresh.map((text) => `<span class="${SPLIT}">${markdownToHtml(text)}</span>`).join('');
  const wrappers = [...sanitizeHtml(html).children];
  if (wrappers.length !== fresh.length || wrappers.some((wrapper) => wrapper.className !== SPLIT)) return;
  if (prepared.size === 0) setTimeout(() => prepared.clear());
  fresh.forEach((text, i) => {
    const fragment = document.createDocumentFragment();
    fragment.append(...wrappers[i]!.childNodes);
    prepared.set(text, fragment);
  });
}
