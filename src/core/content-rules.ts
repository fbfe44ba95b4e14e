/**
 * What may be shown of the server's HTML, the same for both sanitisers (decision 182): the
 * browser's own (the Sanitizer API, src/core/sanitizer-api.ts) and DOMPurify where the browser
 * has none (src/core/purify.ts).
 */

/** What the server's renderer writes (server/markdown/, decisions 100-101): headings and thematic breaks included. */
export const ALLOWED_ELEMENTS = ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'blockquote', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr'];

/**
 * `start`: an ordered list's first number, as the server's CommonMark renderer writes it (`3. drei` stays 3).
 * `title`: a link's title (`[Intranet](https://intranet.example "Startseite")`), shown as its tooltip.
 * `data-person-id`: a mention's person (server/markdown/mention.ts).
 */
export const ALLOWED_ATTRIBUTES = ['href', 'title', 'class', 'data-person-id', 'start'];

/**
 * The server's rule (isSafeUrl, decision 102): http, https, mailto, or no scheme at all (a relative address:
 * nothing but letters before the first `/`, `?` or `#` may end in a colon). Anything else loses its href.
 */
export const SAFE_URL = /^(?:(?:https?|mailto):|[^:/?#]*(?:[/?#]|$))/i;

/** What DOMPurify takes out of a URL before it tests it (its ATTR_WHITESPACE): the browser's URL parser skips them too. */
const URL_WHITESPACE = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g; // eslint-disable-line no-control-regex

/** Whether an href passes the server's rule, tested as DOMPurify tests it. */
export function isSafeUrl(href: string): boolean {
  return SAFE_URL.test(href.replace(URL_WHITESPACE, ''));
}

/** User-generated links open outside the intranet page and pass on nothing. */
export function openApart(link: HTMLAnchorElement): void {
  link.setAttribute('rel', 'noopener noreferrer ugc');
  link.setAttribute('target', '_blank');
}
