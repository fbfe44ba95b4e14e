import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { PlazaElement } from '../shared/plaza-element.ts';
import { ClockController } from '../../controllers/clock-controller.ts';
import { FeedController } from './feed-controller.ts';
import { sourceTask } from '../../controllers/source-task.ts';
import { describeProblem } from '../../core/i18n.ts';
import { isSignInToRead } from '../../core/problem.ts';
import { ACTIVITY_KINDS, ACTIVITY_SCOPE_PATTERN, LIMITS, type ActivityKind, type ActivityScope, type Me } from '../../core/protocol.ts';
import { MentionAutocomplete } from '../shared/mention-autocomplete.ts';
import { fillExactTime } from '../shared/exact-time.ts';
import { groupEntries, renderEntry } from './activity-item.ts';
import { deletionStyles, StatusDeletion } from './status-deletion.ts';
import { renderStatusComposer, StatusComposer } from './status-composer-controller.ts';
import { PageComposer, type ComposerPlacement } from './page-composer-controller.ts';
import { styles } from './activity-feed.styles.ts';
import { activitiesOf } from '../../core/activity-store.ts';
import { draftsOf } from '../../core/draft-store.ts';
import { peopleSearchOf } from '../../core/people-search.ts';
import { peopleOf } from '../../core/people-store.ts';
import { activityFeedMessages } from './messages.ts';
import { composerMessages } from '../shared/composer-messages.ts';
import { sanitizerLoading } from '../../core/content.ts';

// The events this element fires, for bundlers that import the element alone (and their HTMLElementEventMap entries).
export { PlazaStatusSubmitEvent, PlazaStatusPostedEvent, PlazaStatusFailedEvent, PlazaActivityDeleteEvent, PlazaActivityDeletedEvent } from './events.ts';

/**
 * What happened: status posts, comments (with a link to their page),
 * reactions (grouped when several people reacted to the same thing), follows
 * and new colleagues, newest first, with "Load more". Signed-in readers post a
 * status from the composer on top (Markdown, `@`-mentions, drafts that
 * survive a reload). New activities arrive live behind a "new posts" button,
 * so nothing moves while someone reads. Authors (and moderators) delete a
 * status post from its item, after confirming there; it leaves every feed
 * showing it, on this page and live elsewhere. Follows the ARIA feed pattern:
 * Page Down and Page Up move between the articles.
 *
 * @tagname plaza-activity-feed
 * @summary Activity stream with status-post composer.
 *
 * @event {PlazaStatusSubmitEvent} plaza-status-submit - Before a status post is sent; cancelable. Fields: `text`, `scope`.
 * @event {PlazaStatusPostedEvent} plaza-status-posted - After the server accepted a status post. Field: `activity`.
 * @event {PlazaStatusFailedEvent} plaza-status-failed - When a status post was refused (the text is back in the composer). Fields: `text`, `error`.
 * @event {PlazaActivityDeleteEvent} plaza-activity-delete - Before a status post is deleted (the reader confirmed); cancelable, the post stays. Field: `activity`.
 * @event {PlazaActivityDeletedEvent} plaza-activity-deleted - After the server deleted a status post; it has left the feed. Field: `activity`.
 *
 * @csspart filter - The kind filter (a `<select>`).
 * @csspart composer - The status-post form; `textarea`, `submit`, `composer-error` and `preview` (with `preview-pending`, `preview-error`) are its parts.
 * @csspart new - The "N new posts" button.
 * @csspart feed - The list of articles (`role="feed"`).
 * @csspart item - Each article; also `item-status`, `item-comment`, `item-reaction`, `item-follow`, `item-joined`.
 * @csspart person - A name in an item (a `<plaza-person>`).
 * @csspart page-link - The link to the page a comment or reaction was on.
 * @csspart space-link - The link to the page a status post was written on (its space, e.g. `page:/news/`), titled as that page.
 * @csspart page-name - The path of a `page:` key whose page is not known (written through the API), shown instead of a link.
 * @csspart time - When it happened (a `<time>` with the exact time as its title).
 * @csspart sending - "Sending…" on the reader's own post while it is on its way.
 * @csspart body - The text of a status post or comment.
 * @csspart reactions - The reaction bar of a status post.
 * @csspart delete - Around the "Delete" button of a post the reader may delete; `delete-button` is the button.
 * @csspart confirm-delete - The confirmation that replaces it; `confirm-delete-button` and `delete-error` are its parts.
 * @csspart empty - What the feed says when there is nothing to show.
 * @csspart error - The message shown when the feed could not be loaded.
 * @csspart signed-out - The invitation to sign in, where the feed needs it (`following` for someone signed out).
 * @csspart more - The "Load more" button.
 *
 * @cssprop [--plaza-color-accent=light-dark(#0b5cad, #8cc4ff)] - Buttons, links, focus ring.
 * @cssprop [--plaza-color-on-accent=light-dark(#ffffff, #0b1b2b)] - Text on accent-coloured buttons.
 * @cssprop [--plaza-color-text=currentColor] - Text colour; inherits the page's by default.
 * @cssprop [--plaza-color-muted] - Times and secondary text.
 * @cssprop [--plaza-color-surface=light-dark(#ffffff, #1d2127)] - Background of the articles and the mention list.
 * @cssprop [--plaza-color-border] - Borders of the articles and fields.
 * @cssprop [--plaza-color-danger] - Error messages and the button that confirms deleting.
 * @cssprop [--plaza-radius=6px] - Corner radius.
 * @cssprop [--plaza-space=0.5rem] - Base spacing unit.
 * @cssprop [--plaza-font=inherit] - Font family; inherits the page's by default.
 */
export class PlazaActivityFeed extends PlazaElement {
  static override styles = [styles, deletionStyles];
  static override messages = [activityFeedMessages, composerMessages];
  static override ready = [sanitizerLoading];

  /** Which activities: `all` (default), `following` (you and whoever you follow; needs sign-in), `user:<id>`, `space:<key>` (a key prefix, e.g. `space:page:/teams/netz/`). */
  @property({ reflect: true }) scope = 'all';

  /** Activities per page (1–50, default 20); "Load more" fetches the next. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  /** Only this kind (`status`, `comment`, `reaction`, `follow`, `joined`), or every kind when empty. The reader changes it with the filter. */
  @property({ reflect: true }) kinds = '';

  /** A short list without the filter and the composer, as the profile card shows someone's recent activity. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /**
   * Where the status composer shows, for a signed-in reader who may post to this scope: `auto`
   * (default) on the first such feed of the page only, so a page with a feed in its main column
   * and another in its sidebar offers one place to post; `always` on this feed too; `never`.
   */
  @property() composer: ComposerPlacement = 'auto';

  @state() private announcement = '';
  /** How many activities waited behind the button at the last render, to announce only growth. */
  #arrivedBefore = 0;

  readonly #me = sourceTask<Me>(this, () => ({ source: this.services.me, key: 'me' }));

  readonly #feed = new FeedController(this, () => ({
    store: activitiesOf(this.services),
    scope: this.effectiveScope,
    kinds: this.#kindList,
    limit: Math.min(50, Math.max(1, Math.round(this.pageSize) || 20)),
    me: this.#me.value?.user?.id,
  }));

  readonly #writing = new StatusComposer(this, () => ({
    drafts: draftsOf(this.services),
    feed: this.#feed,
    scope: this.effectiveScope,
    author: this.#me.value?.user ?? null,
    t: this.t,
    preview: (text, signal) => this.services.client.preview(text, signal),
    announce: (text) => (this.announcement = text),
  }));

  readonly #mentions = new MentionAutocomplete(this, () => ({
    search: peopleSearchOf(this.services),
    t: this.t,
    maxMentions: LIMITS.mentionsPerComment,
    input: (_composer, text) => this.#writing.input(text),
    chosen: (person) => peopleOf(this.services).prime([person]),
    announce: (text) => (this.announcement = text),
  }));

  readonly #deletion = new StatusDeletion(this, () => ({
    store: activitiesOf(this.services),
    me: this.#me.value,
    t: this.t,
    announce: (text) => (this.announcement = text),
  }));

  /** Re-renders every minute, so "vor 5 Minuten" stays true. */
  private readonly clock = new ClockController(this);

  readonly #pageComposer = new PageComposer(this, () => ({ may: this.#canPost && !this.compact, placement: this.composer }));

  /**
   * The scope in force: the attribute when it is a valid scope, else `all`.
   * @internal
   */
  get effectiveScope(): ActivityScope {
    return ACTIVITY_SCOPE_PATTERN.test(this.scope) ? (this.scope as ActivityScope) : 'all';
  }

  get #kindList(): ActivityKind[] {
    return ACTIVITY_KINDS.filter((kind) => this.kinds.split(/[\s,]+/).includes(kind));
  }

  /** Signed in, and the scope takes posts: everything, following, a space, or the reader's own stream. */
  get #canPost(): boolean {
    const user = this.#me.value?.user;
    const scope = this.effectiveScope;
    return !!user && (scope === 'all' || scope === 'following' || scope.startsWith('space:') || scope === `user:${user.id}`);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const waiting = this.#feed.arrived.length;
    if (waiting > this.#arrivedBefore) this.announcement = this.t('feed.new.announce', { count: waiting });
    this.#arrivedBefore = waiting;
  }

  protected override render() {
    const t = this.t;
    const { items, arrived, nextCursor, more } = this.#feed;
    const { status } = this.#feed.task;
    const entries = groupEntries(items);
    const setSize = nextCursor ? -1 : entries.length;
    return html`
      ${this.compact
        ? nothing
        : html`<div class="head">
            <label class="filter">
              <span>${t('feed.filter')}</span>
              <select part="filter" @change=${(e: Event) => (this.kinds = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${!this.#kindList.length}>${t('feed.filter.all')}</option>
                ${ACTIVITY_KINDS.map((kind) => html`<option value=${kind} ?selected=${this.#kindList.length === 1 && this.#kindList[0] === kind}>${t(`feed.filter.${kind}`)}</option>`)}
              </select>
            </label>
          </div>`}
      ${this.#pageComposer.shows ? renderStatusComposer(this.#writing, this.#mentions, t) : nothing}
      <div class="visually-hidden" role="status">${this.announcement}</div>
      ${arrived.length ? html`<button part="new" class="new" @click=${this.#reveal}>${t('feed.new', { count: arrived.length })}</button>` : nothing}
      <div part="feed" class="feed" role=${ifDefined(entries.length ? 'feed' : undefined)} aria-label=${ifDefined(entries.length ? t('feed.label') : undefined)} aria-busy=${status === 'pending' || more.status === 'pending' ? 'true' : 'false'} @keydown=${this.#onFeedKey} @pointerover=${this.#showExactTime} @focusin=${this.#showExactTime}>
        ${repeat(entries, (entry) => entry.id, (entry, i) => renderEntry(entry, { t, locale: this.locale, position: i + 1, setSize, deletion: this.#deletion }))}
      </div>
      ${this.#feed.task.render({
        pending: () => this.#renderSkeleton(),
        complete: () => (entries.length === 0 ? html`<p part="empty" class="empty">${this.#emptyText()}</p>` : nothing),
        error: (error) =>
          // The read was refused because nobody is signed in (`following`): a state to explain, not an error to retry.
          error.status === 401
            ? html`<p part="signed-out" class="empty">${t(isSignInToRead(error) ? 'feed.signInToRead' : 'feed.signedOut')}</p>`
            : html`<div part="error" class="load-error" role="alert">
                <span>${t('feed.loadFailed', { reason: describeProblem(t, error) })}</span>
                <button class="link" @click=${() => this.#feed.task.run()}>${t('common.retry')}</button>
              </div>`,
      })}
      ${more.status === 'error' ? html`<p class="load-error" role="alert">${t('feed.more.failed', { reason: describeProblem(t, more.error) })}</p>` : nothing}
      ${nextCursor
        ? html`<button part="more" class="more" aria-disabled=${more.status === 'pending' ? 'true' : 'false'} @click=${() => void this.#feed.loadMore()}>
            ${more.status === 'pending' ? t('feed.loading') : t('feed.more')}
          </button>`
        : nothing}
    `;
  }

  #renderSkeleton() {
    return html`<span class="visually-hidden" role="status">${this.t('feed.loading')}</span>
      <div class="skeleton" aria-hidden="true">${[0, 1, 2].map(() => html`<div class="skeleton-item"><span></span><span></span></div>`)}</div>`;
  }

  #emptyText() {
    const t = this.t;
    const scope = this.effectiveScope;
    if (this.#kindList.length) return t('feed.empty.filtered');
    if (scope === 'following') return t('feed.empty.following');
    if (scope.startsWith('space:')) return t('feed.empty.space');
    if (scope.startsWith('user:')) {
      const id = scope.slice('user:'.length);
      if (id === this.#me.value?.user?.id) return t('feed.empty.self');
      const [before, after] = t('feed.empty.user').split('{name}');
      return html`${before}<plaza-person part="person" user=${id}></plaza-person>${after ?? ''}`;
    }
    return t('feed.empty.all');
  }

  /** Shows what arrived live and moves focus to the newest, so keyboard and screen-reader users land on it. */
  async #reveal(): Promise<void> {
    const [first] = this.#feed.reveal();
    this.announcement = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`article[data-id="${first}"]`)?.focus();
  }

  /** Fills in an item time's exact-date tooltip when pointer or focus reaches it (shared/exact-time.ts). */
  #showExactTime(event: Event): void {
    fillExactTime(event, this.t, this.locale);
  }

  /** The feed pattern's keys: Page Down / Page Up to the next / previous article. */
  #onFeedKey(event: KeyboardEvent): void {
    if (event.key !== 'PageDown' && event.key !== 'PageUp') return;
    const articles = [...this.renderRoot.querySelectorAll<HTMLElement>('article.item')];
    const current = articles.findIndex((article) => article.contains(this.shadowRoot!.activeElement));
    const next = articles[current + (event.key === 'PageDown' ? 1 : -1)];
    if (!next) return;
    event.preventDefault();
    next.focus();
  }
}
