import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { PlazaElement } from '../shared/plaza-element.ts';
import { sourceTask } from '../../controllers/source-task.ts';
import { describeProblem } from '../../core/i18n.ts';
import { isSignInToRead } from '../../core/problem.ts';
import type { ThreadSummary } from '../../core/protocol.ts';
import { normalisePageUrl, threadKeyFor } from '../../core/thread-key.ts';
import { styles } from './comment-count.styles.ts';
import { threadCountsOf } from '../../core/comments/thread-count-store.ts';
import { commentCountMessages } from './messages.ts';

/**
 * How many comments a thread has, inline, for list pages: "12 Kommentare",
 * "1 Kommentar", "Noch keine Kommentare". Thirty on a news overview cost one
 * batched request, and each count follows new and deleted comments live.
 * With `href` it is a link to the discussion.
 *
 * ```html
 * <plaza-comment-count href="/news/kantine#comments"></plaza-comment-count>
 * ```
 *
 * While the count loads, a faint bar of a typical count's size holds its
 * place, so the line does not reflow when the number arrives. If it cannot
 * be loaded, a quiet dash shows, with the reason as its tooltip.
 *
 * @tagname plaza-comment-count
 * @summary Inline comment count of a thread, optionally a link to it.
 *
 * @csspart link - The link to the discussion (only with `href`).
 * @csspart count - The count's text, e.g. "12 Kommentare".
 * @csspart placeholder - The faint bar shown while the count loads.
 * @csspart error - The dash shown when the count could not be loaded; its tooltip says why.
 *
 * @cssprop [--plaza-color-accent=light-dark(#0b5cad, #8cc4ff)] - Colour of the link and the focus ring.
 * @cssprop [--plaza-color-text=currentColor] - Text colour without a link; inherits the page's by default.
 * @cssprop [--plaza-color-muted] - Colour of the dash; derived from the text colour.
 * @cssprop [--plaza-radius=6px] - Corner radius of the loading bar.
 * @cssprop [--plaza-font=inherit] - Font family; inherits the page's by default.
 * @cssprop [--plaza-font-size=inherit] - Font size; inherits the page's by default.
 */
export class PlazaCommentCount extends PlazaElement {
  static override styles = styles;
  static override messages = [commentCountMessages];

  /**
   * The thread's key, e.g. `page:/news/kantine`. Defaults to the page `href`
   * points to (its path and content-picking query, as `<plaza-comments>` on
   * that page would use), else to this page's.
   */
  @property() thread = '';

  /**
   * Makes the count a link, e.g. to the article's discussion:
   * `/news/kantine#comments`. Only http(s) addresses (relative ones included) become links.
   */
  @property() href = '';

  /** Said once per refused `href`, not on every render. */
  #refusedHref = '';

  readonly #summary = sourceTask<ThreadSummary>(this, () => ({
    source: threadCountsOf(this.services),
    key: this.threadKey,
  }));

  /**
   * The thread in force: the attribute, else the linked page's, else this page's.
   * @internal
   */
  get threadKey(): string {
    if (this.thread) return this.thread;
    const link = this.#link;
    if (!link || samePage(link)) return threadKeyFor();
    return `page:${normalisePageUrl(link)}`;
  }

  protected override render() {
    const link = this.#link;
    const content = this.#renderCount();
    return link ? html`<a part="link" class="hit-area" href=${link}>${content}</a>` : content;
  }

  #renderCount() {
    const t = this.t;
    const placeholder = () => this.#renderPlaceholder();
    return this.#summary.render({
      initial: placeholder,
      pending: placeholder,
      complete: (summary) => html`<span part="count">${t('commentCount.label', { count: summary.count })}</span>`,
      error: (error) => {
        const reason = isSignInToRead(error) ? t('commentCount.signInToRead') : `${t('commentCount.failed')} ${describeProblem(t, error)}`;
        return html`<span part="error" class="error" title=${reason}><span aria-hidden="true">–</span><span class="visually-hidden">${reason}</span></span>`;
      },
    });
  }

  #renderPlaceholder() {
    const t = this.t;
    // A two-digit count is the typical width; the text is hidden, only its box shows.
    return html`<span part="placeholder" class="placeholder" aria-hidden="true"><span class="ghost">${t('commentCount.label', { count: 88 })}</span></span
      ><span class="visually-hidden">${t('commentCount.loading')}</span>`;
  }

  /** `href` resolved as the page resolves its own links, if it is one a reader may follow. */
  get #link(): string | undefined {
    if (!this.href) return undefined;
    try {
      const url = new URL(this.href, document.baseURI);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // Not a URL at all: shown without a link, like any other refused one.
    }
    if (this.#refusedHref !== this.href) console.warn(`[plaza] <plaza-comment-count href="${this.href}">: only http(s) addresses become links`);
    this.#refusedHref = this.href;
    return undefined;
  }
}

/** `#comments` on an article links to the article itself, whose key may come from its canonical link. */
function samePage(href: string): boolean {
  const withoutHash = (address: string) => address.replace(/#.*$/, '');
  return withoutHash(href) === withoutHash(location.href);
}
