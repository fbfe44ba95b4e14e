import type { ThreadPage } from './protocol.ts';
import { normalisePageUrl, pageHref } from './thread-key.ts';

/** Keys whose page is their thread's, never their own: the server ignores a page named for them. */
const PAGE_OF_THREAD = /^(comment|activity):/;

/**
 * Which page a write names for its key (`NewComment.page`, `ReactionWrite.page`),
 * so the activity feed can link to it: the page's canonical URL (else its
 * address, without `#…` and tracking parameters, as `threadKeyFor` reads it)
 * and its title. Named with the first write to a key in a page view, and again
 * whenever it changed (a new title); a write that failed names it next time too.
 */
export class PageOfKey {
  /** What each key was last told: URL and title. */
  private readonly told = new Map<string, string>();

  /** The page to send with a write to `key`, or undefined when the server has it already. */
  toName(key: string): ThreadPage | undefined {
    if (PAGE_OF_THREAD.test(key)) return undefined;
    const href = pageHref();
    // The title as it is: the server trims it, and drops it when blank.
    const page = { url: new URL(normalisePageUrl(href), href).href, title: document.title };
    return this.told.get(key) === page.url + page.title ? undefined : page;
  }

  /** The server accepted a write naming `page` for `key`. */
  named(key: string, page: ThreadPage | undefined): void {
    if (page) this.told.set(key, page.url + page.title);
  }
}
