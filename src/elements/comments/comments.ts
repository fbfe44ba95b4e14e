import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { PlazaElement } from '../shared/plaza-element.ts';
import { ClockController } from '../../controllers/clock-controller.ts';
import { sourceTask } from '../../controllers/source-task.ts';
import { ThreadController } from './thread-controller.ts';
import { describeProblem } from '../../core/i18n.ts';
import { isSignInToRead } from '../../core/problem.ts';
import { COMMENT_SORTS, type CommentSort, type Me } from '../../core/protocol.ts';
import type { ShownThreadComment, ThreadView } from '../../core/comments/thread-view.ts';
import { threadKeyFor } from '../../core/thread-key.ts';
import { MentionAutocomplete } from '../shared/mention-autocomplete.ts';
import { prepareCommentTexts } from '../shared/comment-body.ts';
import { renderThreadItem, type ItemContext } from './comment-item.ts';
import { fillExactTime } from '../shared/exact-time.ts';
import { renderComposer } from './composer.ts';
import { renderLoadMore, renderSkeleton } from './thread-sections.ts';
import { ModerationController } from './moderation-controller.ts';
import { PermalinkController } from './permalink-controller.ts';
import { ReportController } from './report-controller.ts';
import { WatchController } from './watch-controller.ts';
import { WritingController, type Composer } from './writing-controller.ts';
import { ReservedHeight } from './reserved-height-controller.ts';
import { styles } from './comments.styles.ts';
import { commentsOf } from '../../core/comments/comment-store.ts';
import { draftsOf } from '../../core/draft-store.ts';
import { peopleSearchOf } from '../../core/people-search.ts';
import { peopleOf } from '../../core/people-store.ts';
import { commentsMessages } from './messages.ts';
import { composerMessages } from '../shared/composer-messages.ts';
import { sanitizerLoading } from '../../core/content.ts';

// The events this element fires, for bundlers that import the element alone (and their HTMLElementEventMap entries).
export { PlazaCommentSubmitEvent, PlazaCommentPostedEvent, PlazaCommentFailedEvent, PlazaCommentReportEvent, PlazaCommentReportedEvent, PlazaCommentModerateEvent, PlazaCommentModeratedEvent, PlazaCommentEditEvent, PlazaCommentEditedEvent, PlazaCommentDeleteEvent, PlazaCommentDeletedEvent, PlazaWatchChangeEvent, PlazaWatchChangedEvent, PlazaWatchFailedEvent } from './events.ts';

/**
 * The comment section of a page: comments with their replies, sorting,
 * paging, a composer that never loses a word (drafts survive reloads;
 * posting is optimistic and safe to retry) and mentions colleagues with
 * `@` and their name, editing and deleting your own, reporting others' to
 * the moderators, reactions on each comment, and colleagues' new comments
 * arriving live behind a polite "2 new comments" button. Moderators (`GET
 * /me` says `can.moderate`) hide, restore and delete anyone's comments and
 * close or reopen the thread in place. A signed-in reader follows the thread
 * ("Diskussion folgen") to hear of new comments through `<plaza-notifications>`;
 * writing a comment follows it too.
 *
 * @tagname plaza-comments
 * @summary Threaded comments for a page or item.
 *
 * @event {PlazaCommentSubmitEvent} plaza-comment-submit - Before a comment or reply is sent; cancelable (the text stays in the composer). Fields: `threadKey`, `text`, `parentId`.
 * @event {PlazaCommentPostedEvent} plaza-comment-posted - After the server accepted a comment or reply. Fields: `threadKey`, `comment`.
 * @event {PlazaCommentFailedEvent} plaza-comment-failed - When posting failed after retries; the text is back in the composer. Fields: `threadKey`, `text`, `parentId`, `error`.
 * @event {PlazaCommentReportEvent} plaza-comment-report - Before a report about a comment is sent; cancelable (the form stays open). Fields: `threadKey`, `commentId`, `reason`.
 * @event {PlazaCommentReportedEvent} plaza-comment-reported - After the server took a report. Fields: `threadKey`, `report`.
 * @event {PlazaCommentModerateEvent} plaza-comment-moderate - Before a moderator hides or restores a comment or closes or reopens the thread; cancelable. Fields: `threadKey`, `action` (`hide`, `restore`, `close`, `reopen`), `commentId` (null for the thread).
 * @event {PlazaCommentModeratedEvent} plaza-comment-moderated - After the server carried out a moderation action. Fields: `threadKey`, `action`, `commentId`.
 * @event {PlazaCommentEditEvent} plaza-comment-edit - Before an edit is saved; cancelable (the edit stays open). Fields: `threadKey`, `commentId`, `text`.
 * @event {PlazaCommentEditedEvent} plaza-comment-edited - After the server stored an edit. Fields: `threadKey`, `commentId`, `text`.
 * @event {PlazaCommentDeleteEvent} plaza-comment-delete - Before a comment is deleted (confirmed); cancelable. Fields: `threadKey`, `commentId`, `byModerator` (someone else's comment).
 * @event {PlazaCommentDeletedEvent} plaza-comment-deleted - After the server deleted a comment. Fields: `threadKey`, `commentId`, `byModerator`.
 * @event {PlazaWatchChangeEvent} plaza-watch-change - Before the reader follows the thread or stops following it; cancelable (the toggle stays). Fields: `threadKey`, `watching` (what the reader asked for).
 * @event {PlazaWatchChangedEvent} plaza-watch-changed - After the server stored it. Fields: `threadKey`, `watching`.
 * @event {PlazaWatchFailedEvent} plaza-watch-failed - When the server refused; the toggle is back as it was. Fields: `threadKey`, `watching`, `error`.
 *
 * @csspart heading - The heading with the comment count.
 * @csspart sort - The sort order select.
 * @csspart watch - The "Follow discussion" toggle of a signed-in reader (a button with `aria-pressed`).
 * @csspart watch-error - Why following could not be loaded or changed.
 * @csspart composer - Each composer form (new comment, reply, edit).
 * @csspart textarea - The text field of a composer.
 * @csspart mentions - The list of colleagues under a text field while an `@`-mention is typed.
 * @csspart submit - The send/save button of a composer.
 * @csspart preview - The preview of a composer's text, rendered by the server; `preview-pending` while it loads, `preview-error` when it could not be.
 * @csspart help - The Markdown help of a composer.
 * @csspart composer-error - Why the last post or edit failed.
 * @csspart conflict - The newer version shown when an edit was stale.
 * @csspart list - The list of top-level comments.
 * @csspart signed-out - "Sign in to see the comments", when the server lets only signed-in people read.
 * @csspart comment - Each comment's article; replies are also `reply`.
 * @csspart replies - The list of replies under a comment.
 * @csspart author - The author's name (the heading of each comment).
 * @csspart author-person - The author's `<plaza-person>` name tag inside it (picture, name, profile card).
 * @csspart role - The author's role.
 * @csspart permalink - The link to a comment, showing its relative time.
 * @csspart edited - The "edited" marker.
 * @csspart sending - The "sending…" marker of a comment on its way.
 * @csspart in-reply-to - "in reply to …" on a reply to a reply.
 * @csspart body - The comment's text.
 * @csspart placeholder - The text of a deleted or hidden comment.
 * @csspart hidden-note - What moderators see above a hidden comment's text.
 * @csspart reactions - The reaction bar of each comment.
 * @csspart actions - Reply, edit, delete (one's own; moderators: any), report and (for moderators) hide/restore buttons.
 * @csspart confirm-delete - The delete confirmation.
 * @csspart report - The form asking why a comment is reported.
 * @csspart report-thanks - The thanks after a report was sent.
 * @csspart close-thread - The moderators' "Close discussion" button.
 * @csspart confirm-close - The confirmation before a thread is closed.
 * @csspart more-replies - The button that loads further replies.
 * @csspart arrived - The "N new comments" button.
 * @csspart load-more - The button that loads more comments.
 * @csspart skeleton - The placeholder shapes while loading.
 * @csspart empty - The message of a thread without comments.
 * @csspart notice - The sign-in hint or the closed-thread notice in place of the composer.
 * @csspart error - The message shown when the thread could not be loaded.
 *
 * @cssprop [--plaza-color-accent=light-dark(#0b5cad, #8cc4ff)] - Links, buttons, focus ring, the highlighted comment.
 * @cssprop [--plaza-color-on-accent=light-dark(#ffffff, #0b1b2b)] - Text on the send button.
 * @cssprop [--plaza-color-text=currentColor] - Text colour; inherits the page's by default.
 * @cssprop [--plaza-color-muted] - Secondary text (role, time); derived from the text colour.
 * @cssprop [--plaza-color-border] - Borders and the reply line; derived from the text colour.
 * @cssprop [--plaza-color-surface=light-dark(#ffffff, #1d2127)] - Background of text fields.
 * @cssprop [--plaza-color-danger] - Error messages and the delete confirmation.
 * @cssprop [--plaza-radius=6px] - Corner radius.
 * @cssprop [--plaza-space=0.5rem] - Base spacing unit.
 * @cssprop [--plaza-font=inherit] - Font family; inherits the page's by default.
 * @cssprop [--plaza-comment-avatar-size=max(2rem, 24px)] - The authors' pictures (or initials) in comment headers.
 */
export class PlazaComments extends PlazaElement {
  static override styles = styles;
  static override messages = [commentsMessages, composerMessages];
  static override ready = [sanitizerLoading];

  /** The thread's key, e.g. `page:/news/kantine`. Defaults to the page's canonical URL (else its path), without tracking parameters or `#…`. */
  @property() thread = '';

  /** Order of the top-level comments: `newest` (default), `oldest` or `top` (most reactions). The reader can change it. */
  @property({ reflect: true }) sort: CommentSort = 'newest';

  /** Top-level comments per page (1–50, default 20); "Load more comments" fetches the next. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  /** Shows the thread without composer, actions or moderation, and reactions that cannot be changed, e.g. for an archive. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  @state() private announcement = '';
  /** How many comments waited behind the button at the last render, to announce only growth. */
  #arrivedBefore = 0;

  readonly #me = sourceTask<Me>(this, () => ({ source: this.services.me, key: 'me' }));

  readonly #threadState = new ThreadController(this, () => ({
    store: commentsOf(this.services),
    key: this.threadKey,
    sort: COMMENT_SORTS.includes(this.sort) ? this.sort : 'newest',
    limit: Math.min(50, Math.max(1, Math.round(this.pageSize) || 20)),
    me: this.#me.value?.user?.id,
    moderator: this.#me.value?.can.moderate === true,
  }));

  readonly #writing = new WritingController(this, () => ({
    ...this.#actionContext(),
    drafts: draftsOf(this.services),
    me: this.#me.value,
    preview: (text: string, signal: AbortSignal) => this.services.client.preview(text, signal),
  }));

  readonly #mentions = new MentionAutocomplete<Composer>(this, () => ({
    search: peopleSearchOf(this.services),
    t: this.t,
    maxMentions: this.#threadState.view?.limits.mentionsPerComment ?? Infinity,
    input: (composer, text) => this.#writing.input(composer, text),
    chosen: (person) => peopleOf(this.services).prime([person]),
    announce: (text) => this.#announce(text),
  }));

  readonly #report = new ReportController(this, () => this.#actionContext());

  readonly #moderation = new ModerationController(this, () => this.#actionContext());

  readonly #watch = new WatchController(this, () => ({
    store: commentsOf(this.services),
    key: this.threadKey,
    reader: this.readonly ? undefined : this.#me.value?.user?.id,
    t: this.t,
    announce: (text: string) => this.#announce(text),
  }));

  readonly #permalink = new PermalinkController(this, this.#threadState);

  /** Re-renders every minute, so "vor 5 Minuten" stays true. */
  private readonly clock = new ClockController(this);

  private readonly reserved = new ReservedHeight(this, () => ({ key: this.threadKey, status: this.#threadState.task.status }));

  /**
   * The thread in force: the attribute, else the page's.
   * @internal
   */
  get threadKey(): string {
    return this.thread || threadKeyFor();
  }

  protected override render() {
    const t = this.t;
    const { view } = this.#threadState;
    const { status } = this.#threadState.task;
    // New comments' texts are sanitised together before the list renders them one by one.
    if (view) prepareCommentTexts(view.items);
    return html`<section class="thread ${status === 'complete' || status === 'error' ? '' : 'loading'}" aria-labelledby="heading">
      <div class="head">
        <h2 id="heading" part="heading" tabindex="-1">${t('comments.heading', { count: view?.count ?? 0 })}</h2>
        <div class="tools">
          <label class="sort" ?hidden=${!!view && view.items.length < 2 && !view.nextCursor}>
            <span>${t('comments.sort')}</span>
            <select part="sort" @change=${(e: Event) => (this.sort = (e.target as HTMLSelectElement).value as CommentSort)}>
              ${COMMENT_SORTS.map((sort) => html`<option value=${sort} ?selected=${sort === this.sort}>${t(`comments.sort.${sort}`)}</option>`)}
            </select>
          </label>
          ${this.#watch.renderToggle()}
        </div>
      </div>
      ${status === 'error' ? nothing : this.#watch.renderError()}
      ${this.#moderator && view && !view.closed && status === 'complete' ? this.#moderation.renderThreadAction(false) : nothing}
      ${status === 'complete' ? this.#renderWritingArea() : nothing}
      <div class="visually-hidden" role="status">${this.announcement}</div>
      ${status === 'complete' ? this.#renderArrived() : nothing}
      ${this.#threadState.task.render({
        initial: () => renderSkeleton(t),
        pending: () => renderSkeleton(t),
        complete: (shown) =>
          shown.items.length === 0
            ? html`<p part="empty" class="empty">${t(this.#canWrite ? 'comments.empty' : 'comments.empty.readonly')}</p>`
            : this.#renderList(shown),
        error: (error) =>
          isSignInToRead(error)
            ? html`<p part="signed-out" class="empty">${t('comments.signInToRead')}</p>`
            : html`<div part="error" class="load-error" role="alert">
                <span>${t('comments.loadFailed')} ${describeProblem(t, error)}</span>
                <button class="link" @click=${() => this.#threadState.task.run()}>${t('common.retry')}</button>
              </div>`,
      })}
      ${view?.nextCursor ? renderLoadMore(this.#threadState, t) : nothing}
    </section>`;
  }

  /**
   * The "N new comments" button. Its row is there, empty and inert, from the moment the thread shows:
   * appearing when a colleague wrote, it pushed the thread below it down by its height, an open composer
   * too, and a click on its way landed on whatever moved under the pointer (preview-click.test.ts).
   */
  #renderArrived() {
    const count = this.#threadState.arrived.length;
    return html`<button
      part=${ifDefined(count ? 'arrived' : undefined)}
      class="arrived"
      ?inert=${!count}
      aria-hidden=${count ? nothing : 'true'}
      @click=${this.#reveal}
    >${this.t('comments.arrived', { count: Math.max(count, 1) })}</button>`;
  }

  /** Fills in a comment time's tooltip when pointer or focus reaches it (shared/exact-time.ts); Lit binds it to the element. */
  #showExactTime(event: Event): void {
    fillExactTime(event, this.t, this.locale);
  }

  #renderList(view: ThreadView) {
    const t = this.t;
    const context = this.#itemContext();
    return html`<ol part="list" class="list" aria-label=${t('comments.heading', { count: view.count })} @pointerover=${this.#showExactTime} @focusin=${this.#showExactTime}>
      ${repeat(view.items, (item) => item.id, (item) => html`<li>${renderThreadItem(item, context)}</li>`)}
    </ol>`;
  }

  #renderWritingArea() {
    const t = this.t;
    const view = this.#threadState.view!;
    if (this.readonly) return nothing;
    if (view.closed) {
      return html`<div part="notice" class="notice" tabindex="-1">
        <p>${t('comments.closed')}</p>
        ${this.#moderator ? this.#moderation.renderThreadAction(true) : nothing}
      </div>`;
    }
    if (this.#me.status === 'pending' || this.#me.status === 'initial') return nothing;
    if (!this.#canWrite) return html`<p part="notice" class="notice">${t('comments.signIn')}</p>`;
    return renderComposer(this.#writing.composer({}), {
      t,
      label: t('composer.label'),
      submitLabel: t('composer.submit'),
      limit: view.limits.commentLength,
      writing: this.#writing,
      mentions: this.#mentions,
    });
  }

  /** Moderation shows: the reader moderates, and the element is not read-only. */
  get #moderator(): boolean {
    return !this.readonly && this.#me.value?.can.moderate === true;
  }

  /** Signed in (or unknown, when `/me` failed: the server will tell), not read-only, thread open. */
  get #canWrite(): boolean {
    const view = this.#threadState.view;
    return !this.readonly && !!view && !view.closed && (this.#me.status === 'error' || this.#me.value?.can.comment === true);
  }

  /** What writing, reporting and moderating share: where to send, what to say, where focus goes. */
  #actionContext() {
    return {
      store: commentsOf(this.services),
      thread: this.#threadState,
      key: this.threadKey,
      t: this.t,
      announce: (text: string) => this.#announce(text),
      focus: (selector: string) => this.#permalink.focusLater(selector),
    };
  }

  #itemContext(): ItemContext {
    return {
      t: this.t,
      locale: this.locale,
      me: this.#me.value,
      canWrite: this.#canWrite,
      readonly: this.readonly,
      moderator: this.#moderator,
      limit: this.#threadState.view?.limits.commentLength ?? Infinity,
      highlighted: this.#permalink.highlighted,
      writing: this.#writing,
      mentions: this.#mentions,
      report: this.#report,
      moderation: this.#moderation,
      thread: this.#threadState,
      firstShown: firstShown(this.#threadState.view?.items ?? []),
    };
  }

  #reveal(): void {
    const ids = this.#threadState.reveal();
    // The reader asked to see them: take them to the first, so keyboard and screen reader users land there too.
    if (ids[0]) this.#permalink.focusLater(`#comment-${ids[0]}`);
  }

  #announce(text: string): void {
    // Emptied first, so the same sentence twice is announced twice.
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const arrived = this.#threadState.arrived.length;
    if (arrived > this.#arrivedBefore) this.#announce(this.t('comments.arrived', { count: arrived }));
    this.#arrivedBefore = arrived;
    if (this.#threadState.task.status === 'complete') this.#writing.restore();
  }
}

/** How many comments a first screen shows at most (short ones, a tall window). */
const FIRST_SCREEN = 12;

/** The ids of the first comments in reading order, replies included. */
function firstShown(items: readonly ShownThreadComment[]): Set<string> {
  const ids = new Set<string>();
  for (const item of items) {
    for (const comment of [item, ...item.replies]) {
      if (ids.size === FIRST_SCREEN) return ids;
      ids.add(comment.id);
    }
  }
  return ids;
}
