import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ThreadController } from './thread-controller.ts';
import type { DraftStore, DraftTarget } from '../../core/draft-store.ts';
import { describeProblem, type Translate } from '../../core/i18n.ts';
import { mentionMarkdown, type Comment, type Me } from '../../core/protocol.ts';
import { findComment, isOwnComment, neighbourAfterRemoval, shownIds, type ShownComment } from '../../core/comments/thread-view.ts';
import { CommentConflictError } from '../../core/comments/conflict.ts';
import type { ComposerState } from '../shared/composer-field.ts';
import { stopPreview, togglePreview, type LoadPreview } from '../shared/draft-preview.ts';
import { checkComposerText, describeComposerProblem } from '../shared/composer-problems.ts';
import { PlazaCommentDeletedEvent, PlazaCommentDeleteEvent, PlazaCommentEditedEvent, PlazaCommentEditEvent, PlazaCommentFailedEvent, PlazaCommentPostedEvent, PlazaCommentSubmitEvent } from './events.ts';
import { asPlazaError } from '../../core/problem.ts';

/** One composer's state: the new comment, a reply, or an edit. Its text is also the draft. */
export interface Composer extends ComposerState {
  /** Unique within the element, usable in ids: `new`, `reply-<id>`, `edit-<id>`. */
  id: string;
  target: DraftTarget;
  preview: boolean;
  /** An edit: the version the text is based on. */
  version?: number;
  /** An edit refused as stale: the comment as it is now. */
  conflict?: Comment;
}

export interface WritingContext {
  drafts: DraftStore;
  thread: ThreadController;
  key: string;
  t: Translate;
  me: Me | undefined;
  /** Renders a draft on the server, for "Vorschau". */
  preview: LoadPreview;
  /** Says something to screen readers through the element's live region. */
  announce(text: string): void;
  /** Moves focus to the element matching `selector` in the shadow root after the next render. */
  focus(selector: string): void;
}

/**
 * Everything the reader writes in a thread: the composers (new comment,
 * replies, edits) with their drafts, and deleting with confirmation. Never
 * loses words: every keystroke is kept as a draft, posting clears the
 * composer at once but the draft only when the server has acknowledged, and
 * a refused post puts the text back with the reason.
 */
export class WritingController implements ReactiveController {
  /** The comment a reply is being written to (a reply shows its composer under the top-level comment). */
  replyingTo: string | null = null;
  editing: string | null = null;
  confirmingDelete: string | null = null;
  deleteError = '';

  #composers = new Map<string, Composer>();
  #thread = '';
  #restored = false;

  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #context: () => WritingContext;

  constructor(host: ReactiveControllerHost & EventTarget, context: () => WritingContext) {
    this.#host = host;
    this.#context = context;
    host.addController(this);
  }

  hostUpdate(): void {
    // Composers belong to one thread; another thread starts from its own drafts.
    const { key } = this.#context();
    if (key === this.#thread) return;
    this.#thread = key;
    this.#composers.clear();
    this.replyingTo = this.editing = this.confirmingDelete = null;
    this.#restored = false;
  }

  composer(target: Omit<DraftTarget, 'thread'>, initial = ''): Composer {
    const { key, drafts } = this.#context();
    const full: DraftTarget = { thread: key, replyTo: target.replyTo ?? null, edit: target.edit ?? null };
    const id = full.edit ? `edit-${full.edit}` : full.replyTo ? `reply-${full.replyTo}` : 'new';
    let composer = this.#composers.get(id);
    if (!composer) {
      composer = { id, target: full, text: drafts.get(full)?.text ?? initial, names: new Map(), preview: false, busy: false, error: '' };
      this.#composers.set(id, composer);
    }
    return composer;
  }

  input(composer: Composer, text: string): void {
    composer.text = text;
    this.#context().drafts.save(composer.target, text);
    this.#host.requestUpdate();
  }

  togglePreview(composer: Composer): void {
    togglePreview(composer, this.#context().preview, this.#context().t, () => this.#host.requestUpdate());
  }

  /** Opens the reply composer; replying to a reply starts with a mention of its author, so the conversation stays readable. */
  startReply(comment: ShownComment, focus = true): void {
    const { me, focus: focusLater } = this.#context();
    const author = comment.author;
    const mention = comment.parentId !== null && author && author.id !== me?.user?.id ? `${mentionMarkdown(author)} ` : '';
    const composer = this.composer({ replyTo: comment.id }, mention);
    this.replyingTo = comment.id;
    this.#host.requestUpdate();
    if (focus) focusLater(`#text-${composer.id}`);
  }

  /**
   * After a reload: reopens the reply the reader was writing, from its draft,
   * once per thread. (An unfinished edit comes back when they choose "Edit" again.)
   */
  restore(): void {
    const { drafts, key, thread } = this.#context();
    if (!thread.view || this.#restored) return;
    this.#restored = true;
    if (this.replyingTo) return;
    for (const draft of drafts.list(key)) {
      const comment = draft.replyTo ? findComment(thread.view, draft.replyTo) : undefined;
      if (comment?.state === 'published') return this.startReply(comment, false);
    }
  }

  /** Closes the reply composer; its draft stays, and comes back when the reader replies there again. */
  cancelReply(): void {
    const id = this.replyingTo;
    this.replyingTo = null;
    this.#host.requestUpdate();
    if (id) this.#context().focus(`#comment-${id} [data-action="reply"]`);
  }

  startEdit(comment: ShownComment, focus = true): void {
    const composer = this.composer({ edit: comment.id }, comment.text);
    composer.version ??= comment.version;
    this.editing = comment.id;
    this.#host.requestUpdate();
    if (focus) this.#context().focus(`#text-${composer.id}`);
  }

  /** Abandons an edit: the comment keeps its text, and the edit's draft goes. */
  cancelEdit(): void {
    const id = this.editing;
    if (!id) return;
    const composer = this.composer({ edit: id });
    this.#context().drafts.clear(composer.target);
    this.#composers.delete(composer.id);
    this.editing = null;
    this.#host.requestUpdate();
    this.#context().focus(`#comment-${id} [data-action="edit"]`);
  }

  async submit(composer: Composer): Promise<void> {
    const { t, thread } = this.#context();
    const text = composer.text;
    if (composer.busy) return;
    const refused = checkComposerText(t, text, thread.view?.limits);
    if (refused) return this.#refuse(composer, refused);
    if (composer.target.edit) return this.#saveEdit(composer, composer.target.edit);
    return this.#post(composer, text);
  }

  askDelete(id: string): void {
    this.confirmingDelete = id;
    this.deleteError = '';
    this.#host.requestUpdate();
    this.#context().focus(`#comment-${id} [data-action="cancel-delete"]`);
  }

  cancelDelete(): void {
    const id = this.confirmingDelete;
    this.confirmingDelete = null;
    this.#host.requestUpdate();
    if (id) this.#context().focus(`#comment-${id} [data-action="delete"]`);
  }

  async confirmDelete(id: string): Promise<void> {
    const { thread, key, me, t, announce, focus } = this.#context();
    const before = thread.view ? shownIds(thread.view) : [];
    const comment = thread.view && findComment(thread.view, id);
    const byModerator = !comment || !isOwnComment(comment, me);
    const deleting = new PlazaCommentDeleteEvent(key, id, byModerator);
    if (!this.#host.dispatchEvent(deleting)) return;
    try {
      await thread.remove(id);
      this.confirmingDelete = null;
      const deleted = new PlazaCommentDeletedEvent(key, id, byModerator);
      this.#host.dispatchEvent(deleted);
      announce(t('comment.announce.deleted'));
      // A placeholder stays for the replies; otherwise the reader goes on where it was: the next comment, else the one before, else the heading.
      const next = thread.view && (findComment(thread.view, id) ? id : neighbourAfterRemoval(thread.view, before, id));
      focus(next ? `#comment-${next}` : '#heading');
    } catch (error) {
      this.deleteError = t('comment.delete.failed', { reason: describeProblem(t, error) });
    }
    this.#host.requestUpdate();
  }

  async #post(composer: Composer, text: string): Promise<void> {
    const { drafts, thread, key, t, me, announce, focus } = this.#context();
    const replyTo = composer.target.replyTo ?? null;
    const submit = new PlazaCommentSubmitEvent(key, text, replyTo);
    if (!this.#host.dispatchEvent(submit)) return;
    const idempotencyKey = drafts.idempotencyKey(composer.target, text);
    // The composer empties at once, the draft stays until the server has the words.
    stopPreview(composer);
    Object.assign(composer, { text: '', error: '', preview: false });
    if (replyTo) this.replyingTo = null;
    this.#host.requestUpdate();
    try {
      const comment = await thread.post(text, replyTo, idempotencyKey, me?.user ?? null);
      drafts.clear(composer.target, text);
      announce(t('comment.announce.posted'));
      // A reply's composer closes, so the reader goes to the reply. The thread's composer stays in place, emptied, as
      // GitHub's and Disqus's do, and focus stays where it was: the announcement says it worked, the comment is in view.
      if (replyTo) focus(`#comment-${comment.id}`);
      const posted = new PlazaCommentPostedEvent(key, comment);
      this.#host.dispatchEvent(posted);
    } catch (error) {
      // Whatever the reader typed meanwhile stays too, after the words that failed.
      composer.text = composer.text ? `${text}\n\n${composer.text}` : text;
      drafts.save(composer.target, composer.text);
      composer.error = t('composer.failed', { reason: describeComposerProblem(t, error, text, thread.view?.limits) });
      if (replyTo) this.replyingTo = replyTo;
      focus(`#text-${composer.id}`);
      const failed = new PlazaCommentFailedEvent(key, text, replyTo, asPlazaError(error));
      this.#host.dispatchEvent(failed);
    }
    this.#host.requestUpdate();
  }

  async #saveEdit(composer: Composer, id: string): Promise<void> {
    const { drafts, thread, key, t, announce, focus } = this.#context();
    const text = composer.text;
    const editing = new PlazaCommentEditEvent(key, id, text);
    if (!this.#host.dispatchEvent(editing)) return;
    stopPreview(composer);
    Object.assign(composer, { busy: true, error: '', preview: false });
    this.#host.requestUpdate();
    try {
      await thread.edit(id, text, composer.version ?? 1);
      const edited = new PlazaCommentEditedEvent(key, id, text);
      this.#host.dispatchEvent(edited);
      drafts.clear(composer.target);
      this.#composers.delete(composer.id);
      this.editing = null;
      announce(t('comment.announce.saved'));
      focus(`#comment-${id}`);
    } catch (error) {
      if (error instanceof CommentConflictError) {
        // Saving again now replaces the newer version on purpose: the reader has seen it.
        Object.assign(composer, { conflict: error.current, version: error.current.version });
      } else {
        composer.error = t('composer.edit.failed', { reason: describeComposerProblem(t, error, composer.text, thread.view?.limits) });
      }
      focus(`#text-${composer.id}`);
    } finally {
      composer.busy = false;
      this.#host.requestUpdate();
    }
  }

  #refuse(composer: Composer, message: string): void {
    composer.error = message;
    this.#host.requestUpdate();
    this.#context().focus(`#text-${composer.id}`);
  }
}
