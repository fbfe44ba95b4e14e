import type { LitElement, ReactiveController } from 'lit';
import type { ThreadController } from './thread-controller.ts';
import { findComment } from '../../core/comments/thread-view.ts';

/** Pages read to find a linked comment that is not on the first one, before giving up. */
const MAX_PAGES = 5;

/**
 * Permalinks (`#comment-<id>`) and focus. The document cannot scroll to an id
 * inside a shadow root, so this does it: on first load and on every
 * `hashchange` it finds the comment (reading a few more pages if needed),
 * scrolls it into view, highlights and focuses it. It also moves focus where
 * the element asks after the next render (after posting, deleting, …).
 */
export class PermalinkController implements ReactiveController {
  /** The comment the address points at. */
  highlighted: string | null = null;

  #wanted: string | null = null;
  #pagesRead = 0;
  #focusSelector: string | null = null;
  readonly #onHashChange = () => this.#follow(location.hash);

  readonly #host: LitElement;
  readonly #thread: ThreadController;

  constructor(host: LitElement, thread: ThreadController) {
    this.#host = host;
    this.#thread = thread;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('hashchange', this.#onHashChange);
    this.#follow(location.hash);
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.#onHashChange);
  }

  focusLater(selector: string): void {
    this.#focusSelector = selector;
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    if (this.#focusSelector) {
      const target = this.#host.renderRoot.querySelector<HTMLElement>(this.#focusSelector);
      if (target) {
        this.#focusSelector = null;
        target.focus();
      }
    }
    this.#seek();
  }

  #follow(hash: string): void {
    const id = /^#comment-([\w-]{1,64})$/.exec(hash)?.[1] ?? null;
    this.#wanted = id;
    this.#pagesRead = 0;
    if (id) this.#host.requestUpdate();
  }

  #seek(): void {
    const { view, more } = this.#thread;
    if (!this.#wanted || this.#thread.task.status !== 'complete' || !view) return;
    if (findComment(view, this.#wanted)) {
      const article = this.#host.renderRoot.querySelector<HTMLElement>(`#comment-${this.#wanted}`);
      if (!article) return;
      this.highlighted = this.#wanted;
      this.#wanted = null;
      article.focus({ preventScroll: true });
      // At once, not smoothly: conversations out of sight are laid out only when they come near
      // (content-visibility), so a smooth scroll through a long thread lays out each one it passes, the
      // thread grows under it, and it ends short of the comment. Jumping lays out only what is around
      // the comment; Chromium's scroll anchoring keeps it in place while those above it take their real
      // height. Firefox's does not (the comment ended 500 px below the viewport), so the jump is repeated
      // for ten frames (a sixth of a second), while the conversations around it settle.
      const jump = (frames: number) => {
        article.scrollIntoView({ block: 'center' });
        if (frames) requestAnimationFrame(() => jump(frames - 1));
      };
      jump(10);
      // After this update has finished: asking for the next one from inside it would be a wasted cycle.
      queueMicrotask(() => this.#host.requestUpdate());
    } else if (view.nextCursor && more.status === 'idle' && this.#pagesRead < MAX_PAGES) {
      this.#pagesRead++;
      queueMicrotask(() => void this.#thread.loadMore());
    } else if (more.status !== 'pending') {
      // Not in this thread (any more): nothing to show.
      this.#wanted = null;
    }
  }
}
