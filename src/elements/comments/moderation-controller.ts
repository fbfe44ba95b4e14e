import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ThreadController } from './thread-controller.ts';
import type { CommentStore } from '../../core/comments/comment-store.ts';
import { findComment, withComment, type ShownComment } from '../../core/comments/thread-view.ts';
import { describeProblem, type Translate } from '../../core/i18n.ts';
import { PlazaCommentModeratedEvent, PlazaCommentModerateEvent, type ModerationAction } from './events.ts';

export interface ModerationContext {
  store: CommentStore;
  thread: ThreadController;
  key: string;
  t: Translate;
  announce(text: string): void;
  /** Moves focus to the element matching `selector` in the shadow root after the next render. */
  focus(selector: string): void;
}

/**
 * What moderators do in a thread: hide a comment from readers (and restore
 * it), close the thread to new comments (and reopen it). Hiding shows at
 * once and rolls back if the server refuses: it is undone as easily as it is
 * done. Closing changes what everyone may do, so it asks first and waits for
 * the server. Readers see both live, through the thread's events.
 */
export class ModerationController implements ReactiveController {
  confirmingClose = false;
  /** Closing or reopening is on its way. */
  closing = false;
  closeError = '';

  /** Comments being hidden or restored: a second press waits for the first. */
  readonly #pending = new Set<string>();
  readonly #errors = new Map<string, string>();
  #thread = '';

  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #context: () => ModerationContext;

  constructor(host: ReactiveControllerHost & EventTarget, context: () => ModerationContext) {
    this.#host = host;
    this.#context = context;
    host.addController(this);
  }

  hostUpdate(): void {
    // Another thread: a confirmation or error of the previous one does not belong here.
    const { key } = this.#context();
    if (key === this.#thread) return;
    this.#thread = key;
    Object.assign(this, { confirmingClose: false, closeError: '' });
    this.#errors.clear();
  }

  /** Hides a published comment, or restores a hidden one. */
  async toggleHidden(comment: ShownComment): Promise<void> {
    const { store, thread, key, t, announce } = this.#context();
    const hidden = comment.state !== 'hidden';
    const action: ModerationAction = hidden ? 'hide' : 'restore';
    if (this.#pending.has(comment.id) || !this.#dispatch(new PlazaCommentModerateEvent(key, action, comment.id))) return;
    this.#pending.add(comment.id);
    this.#errors.delete(comment.id);
    // Hidden from others at once; the moderator keeps seeing author and text.
    thread.apply((view) => withComment(view, { ...comment, state: hidden ? 'hidden' : 'published' }));
    try {
      const answer = await store.setHidden(comment.id, hidden);
      thread.apply((view) => (findComment(view, answer.id) ? withComment(view, answer) : view));
      announce(t(hidden ? 'comment.announce.hidden' : 'comment.announce.restored'));
      this.#dispatch(new PlazaCommentModeratedEvent(key, action, comment.id));
    } catch (error) {
      thread.apply((view) => (findComment(view, comment.id) ? withComment(view, comment) : view));
      this.#errors.set(comment.id, t('comments.moderation.failed', { reason: describeProblem(t, error) }));
    } finally {
      this.#pending.delete(comment.id);
      this.#host.requestUpdate();
    }
  }

  askClose(): void {
    Object.assign(this, { confirmingClose: true, closeError: '' });
    this.#host.requestUpdate();
    this.#context().focus('[data-action="cancel-close"]');
  }

  cancelClose(): void {
    this.confirmingClose = false;
    this.#host.requestUpdate();
    this.#context().focus('[data-action="close-thread"]');
  }

  /** Closes the thread (after the confirmation) or reopens it. */
  async setClosed(closed: boolean): Promise<void> {
    const { store, thread, key, t, announce, focus } = this.#context();
    const action: ModerationAction = closed ? 'close' : 'reopen';
    if (this.closing || !this.#dispatch(new PlazaCommentModerateEvent(key, action, null))) return;
    Object.assign(this, { closing: true, closeError: '' });
    this.#host.requestUpdate();
    try {
      const summary = await store.setClosed(key, closed);
      thread.apply((view) => ({ ...view, closed: summary.closed, count: summary.count }));
      this.confirmingClose = false;
      announce(t(closed ? 'comments.announce.closed' : 'comments.announce.reopened'));
      // Closed: onto the notice that says so (not onto "Reopen", where a second Enter would undo it).
      focus(closed ? '[part="notice"]' : '[data-action="close-thread"]');
      this.#dispatch(new PlazaCommentModeratedEvent(key, action, null));
    } catch (error) {
      this.closeError = t('comments.moderation.failed', { reason: describeProblem(t, error) });
    } finally {
      this.closing = false;
      this.#host.requestUpdate();
    }
  }

  /** "Hide" or "Restore" for one comment, and why the last attempt failed. */
  renderCommentAction(comment: ShownComment, name: string) {
    const { t } = this.#context();
    const hidden = comment.state === 'hidden';
    return html`<button
        class="link"
        data-action="moderate"
        aria-label=${t(hidden ? 'comment.restore.label' : 'comment.hide.label', { name })}
        aria-disabled=${this.#pending.has(comment.id) ? 'true' : 'false'}
        @click=${() => this.toggleHidden(comment)}
      >${t(hidden ? 'comment.restore' : 'comment.hide')}</button>`;
  }

  renderCommentError(id: string) {
    const error = this.#errors.get(id);
    return error ? html`<p class="error" role="alert">${error}</p>` : nothing;
  }

  /** "Close discussion" with its confirmation, or "Reopen discussion" (inside the closed notice). */
  renderThreadAction(closed: boolean) {
    const { t } = this.#context();
    const busy = this.closing ? 'true' : 'false';
    const error = this.closeError ? html`<p class="error" role="alert">${this.closeError}</p>` : nothing;
    if (closed) {
      return html`<button class="link" data-action="reopen-thread" aria-disabled=${busy} @click=${() => this.setClosed(false)}>${t('comments.reopen')}</button>${error}`;
    }
    if (!this.confirmingClose) {
      return html`<div class="moderation"><button class="secondary" part="close-thread" data-action="close-thread" @click=${() => this.askClose()}>${t('comments.close')}</button>${error}</div>`;
    }
    return html`<div class="confirm" part="confirm-close" role="group" aria-labelledby="confirm-close">
      <p id="confirm-close">${t('comments.close.confirm')}</p>
      <button class="danger" data-action="confirm-close" aria-disabled=${busy} @click=${() => this.setClosed(true)}>${t('comments.close.yes')}</button>
      <button class="secondary" data-action="cancel-close" @click=${() => this.cancelClose()}>${t('composer.cancel')}</button>
      ${error}
    </div>`;
  }

  #dispatch(event: Event): boolean {
    return this.#host.dispatchEvent(event);
  }
}
