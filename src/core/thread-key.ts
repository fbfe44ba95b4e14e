import { KEY_PATTERN, type ThreadPage } from './protocol.ts';

/**
 * The key of the discussion that belongs to a page, when `<plaza-comments>`
 * is not told one: `page:<path>`. A CMS editor pastes the same snippet into
 * every article, so the key must come from the page, and must not split one
 * article's discussion because a link carried `?utm_source=newsletter`, a
 * `#section` or a servlet's `;jsessionid=…`.
 *
 * The page's `<link rel="canonical">` wins (a CMS that serves one article
 * under several URLs sets it); otherwise the address the reader is on. Query
 * parameters that pick the content (`article.jsp?id=42`, common on old
 * intranets) stay, sorted, so `?b=2&a=1` and `?a=1&b=2` are one thread.
 */
export function threadKeyFor(doc: Document = document): string {
  return `page:${normalisePageUrl(pageHref(doc))}`;
}

/** The page's canonical URL, else the address it is on. */
export function pageHref(doc: Document = document): string {
  return doc.querySelector<HTMLLinkElement>('link[rel~="canonical"][href]')?.href || doc.location?.href || location.href;
}

/**
 * The page a write to `key` names (`NewComment.page`, `ReactionWrite.page`),
 * so the activity feed can link there: the canonical URL (else the address,
 * normalised as for the key) and the title as it is (the server trims it and
 * drops a blank one). Every write names it, so a renamed page is fresh with
 * the next write and a resent draft is the same body; the server writes only
 * a change. None for `comment:` and `activity:` keys, whose page is their
 * thread's.
 */
export function pageOf(key: string): ThreadPage | undefined {
  const href = pageHref();
  return /^(comment|activity):/.test(key) ? undefined : { url: new URL(normalisePageUrl(href), href).href, title: document.title };
}

/** Parameters that say where a reader came from, never which page they are on. */
const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid)$/i;

/** `/News/Kantine/;jsessionid=A1?utm_medium=mail&id=7#k` → `/News/Kantine?id=7`. */
export function normalisePageUrl(href: string): string {
  const url = new URL(href, location.href);
  // Servlet containers put the session into the path; it changes per visitor.
  let path = url.pathname.replace(/;jsessionid=[^/?#]*/gi, '');
  path = path.replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  const kept = [...url.searchParams.entries()].filter(([name]) => !TRACKING.test(name));
  kept.sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  const query = new URLSearchParams(kept).toString();
  return query ? `${path}?${query}` : path;
}

/** What is wrong with a key someone typed (see `keyProblem`). */
export type KeyProblem = { problem: 'invalid' } | { problem: 'unprefixed'; suggestion: string };

/**
 * What is wrong with a key an editor typed: first the server's own rule
 * (`KEY_PATTERN`: 1–512 characters, no whitespace or control characters; the
 * server refuses anything else), then the mistake it cannot see, because keys
 * are opaque: an address without `page:` (`news/kantine` is another, empty
 * thread than `page:/news/kantine`). Null when the key is fine. The snippet
 * builder (demo/baukasten.js, through `dist/thread-key.js`) checks with it.
 */
export function keyProblem(key: string): KeyProblem | null {
  if (!KEY_PATTERN.test(key)) return { problem: 'invalid' };
  if (/^[a-z][\w+.-]*:/i.test(key) || !key.includes('/')) return null;
  return { problem: 'unprefixed', suggestion: `page:${key.startsWith('/') ? '' : '/'}${key}` };
}
