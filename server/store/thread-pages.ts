import type { ThreadPage } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';

/* The page a thread or a reaction bar is on, as the activity feed links to it. */

const MAX_URL_LENGTH = 2048;
const MAX_TITLE_LENGTH = 200;
const CONTROL = /\p{Cc}+/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The page a write says its thread is on, as the feed may link to it: an
 * absolute http(s) URL without credentials (anything else is dropped, not
 * refused: the comment matters more than its link), and a title of at most
 * 200 characters without control characters. A browser's write (`origin`,
 * its `Origin` header) speaks only for pages of its own origin: a script on
 * one intranet page cannot make the feed link elsewhere. Tools send no
 * `Origin` and may name any http(s) page (decision 73).
 */
export function threadPageOf(page: ThreadPage | undefined, origin?: string): ThreadPage | null {
  if (!page || page.url.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(page.url);
    if (origin !== undefined && url.origin !== new URL(origin).origin) return null;
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return null;
  const title = cut(page.title?.replace(LONE_SURROGATE, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim() ?? '', MAX_TITLE_LENGTH).trim();
  return title ? { url: url.href, title } : { url: url.href };
}

/** The first `max` UTF-16 code units, never half of a surrogate pair. */
function cut(text: string, max: number): string {
  const head = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

/**
 * A comment's page: the latest wins, so a thread moved to another address
 * links there from now on. An unchanged page writes (and locks) nothing:
 * every post names its page, and posts must not queue on the thread's row
 * (decision 63).
 */
export async function setThreadPage(tx: Queryable, threadKey: string, page: ThreadPage): Promise<void> {
  await tx.query(
    'UPDATE threads SET page_url = $2, page_title = $3 WHERE key = $1 AND (page_url IS DISTINCT FROM $2 OR page_title IS DISTINCT FROM $3)',
    [threadKey, page.url, page.title ?? null],
  );
}

/**
 * A reaction bar's page: fills in a key's page when none is known, or a new
 * title of the same page, but never moves it elsewhere: a bar for an article
 * may sit in a teaser on the start page, while the article's comments are
 * where the thread lives. Creates the key's row (an empty, open thread).
 */
export async function offerThreadPage(tx: Queryable, key: string, page: ThreadPage): Promise<void> {
  await tx.query('INSERT INTO threads (key, page_url, page_title) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [key, page.url, page.title ?? null]);
  await tx.query(
    `UPDATE threads SET page_url = $2, page_title = $3
     WHERE key = $1 AND (page_url IS NULL OR page_url = $2) AND (page_url IS DISTINCT FROM $2 OR page_title IS DISTINCT FROM $3)`,
    [key, page.url, page.title ?? null],
  );
}
