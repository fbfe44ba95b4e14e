import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { LoadTask } from '../../controllers/load-task.ts';
import type { CommentStore } from '../../core/comments/comment-store.ts';
import { describeProblem, type Translate } from '../../core/i18n.ts';
import { asPlazaError } from '../../core/problem.ts';
import { PlazaWatchChangedEvent, PlazaWatchChangeEvent, PlazaWatchFailedEvent, type PlazaCommentPostedEvent } from './events.ts';

export interface WatchContext {
  store: CommentStore;
  key: string;
  /** The signed-in reader's id; undefined while unknown or signed out (then nothing is asked or shown). */
  reader: string | undefined;
  t: Translate;
  announce(text: string): void;
}

/**
 * The reader's "Follow discussion" toggle (`GET|PUT|DELETE /threads/{key}/watch`, decision 170):
 * whether a new comment in this thread reaches them as a notification. Asked for a signed-in
 * reader only, as soon as `/me` says who reads: beside the thread's first page, which is asked
 * first and never waits for it, rather than a round trip after it (decision 223); a press shows its result at once and rolls back with
 * the reason if the server refuses. Writing a comment makes the reader follow on the server, so
 * the toggle follows the element's own `plaza-comment-posted`.
 */
export class WatchController implements ReactiveController {
  /** Why the last press did not stick; empty when it did. */
  error = '';

  readonly #task: LoadTask<readonly [CommentStore, string, string], boolean>;
  #writing = false;

  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #context: () => WatchContext;

  constructor(host: ReactiveControllerHost & EventTarget, context: () => WatchContext) {
    this.#host = host;
    this.#context = context;
    this.#task = new LoadTask(host, {
      args: () => {
        const { store, key, reader } = this.#context();
        return reader ? ([store, key, reader] as const) : undefined;
      },
      task: async ([store, key], signal) => (await store.watching(key, signal)).watching,
    });
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('plaza-comment-posted', this.#posted);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('plaza-comment-posted', this.#posted);
  }

  hostUpdate(): void {
    // Another thread or reader: the last one's refusal does not belong here.
    if (this.#task.status !== 'complete') this.error = '';
  }

  /** Follows the thread, or stops following it. */
  async toggle(): Promise<void> {
    const { store, key, t, announce } = this.#context();
    if (this.#writing || this.#task.status !== 'complete') return;
    const before = this.#task.value === true;
    const watching = !before;
    if (!this.#host.dispatchEvent(new PlazaWatchChangeEvent(key, watching))) return;
    const signal = this.#task.signal;
    this.#writing = true;
    this.error = '';
    this.#task.complete(watching);
    try {
      const answer = await store.setWatching(key, watching);
      if (signal.aborted) return;
      this.#task.complete(answer.watching);
      announce(t(answer.watching ? 'comments.watch.on' : 'comments.watch.off'));
      this.#host.dispatchEvent(new PlazaWatchChangedEvent(key, answer.watching));
    } catch (error) {
      if (signal.aborted) return;
      this.#task.complete(before);
      this.error = t('comments.watch.failed', { reason: describeProblem(t, error) });
      this.#host.dispatchEvent(new PlazaWatchFailedEvent(key, watching, asPlazaError(error)));
    } finally {
      this.#writing = false;
      this.#host.requestUpdate();
    }
  }

  /**
   * The toggle, for the thread's header: there (disabled) while the state loads, so its coming moves
   * nothing; its name stays the same and `aria-pressed` says whether the reader follows.
   */
  renderToggle() {
    const { t, reader } = this.#context();
    const { status } = this.#task;
    if (!reader || status === 'initial' || status === 'error') return nothing;
    const known = status === 'complete';
    return html`<button
      part="watch"
      class="secondary watch"
      data-action="watch"
      aria-pressed=${known ? String(this.#task.value === true) : nothing}
      aria-disabled=${known && !this.#writing ? 'false' : 'true'}
      @click=${() => this.toggle()}
    >${bell}<span>${t('comments.watch')}</span></button>`;
  }

  /** Why the state could not be loaded or changed, under the header; nothing when all is well. */
  renderError() {
    const { t } = this.#context();
    if (this.#task.status === 'error') {
      return html`<div part="watch-error" class="load-error watch-error" role="alert">
        <span>${t('comments.watch.loadFailed', { reason: describeProblem(t, this.#task.error) })}</span>
        <button class="link" @click=${() => this.#task.run()}>${t('common.retry')}</button>
      </div>`;
    }
    return this.error ? html`<p part="watch-error" class="error watch-error" role="alert">${this.error}</p>` : nothing;
  }

  /** The server made the author follow the thread with their comment; a load still on its way may predate that, so it asks again. */
  readonly #posted = (event: Event): void => {
    const { key } = this.#context();
    if ((event as PlazaCommentPostedEvent).threadKey !== key || this.#task.status === 'initial') return;
    if (this.#task.loading || this.#task.status === 'error') this.#task.run();
    else if (!this.#writing) this.#task.complete(true);
  };
}

/** The bell of `<plaza-notifications>` (Material Symbols), outlined; filled while the reader follows (CSS). Decorative: the text names the button. */
const bell = html`<svg class="bell" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false"><path
    d="M4 19v-2h2v-7q0-2.075 1.25-3.687T10.5 4.2v-.7q0-.625.438-1.062T12 2t1.063.438T13.5 3.5v.7q2 .5 3.25 2.113T18 10v7h2v2zm8 3q-.825 0-1.412-.587T10 20h4q0 .825-.587 1.413T12 22"
  /></svg>`;
