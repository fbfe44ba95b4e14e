import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { PlazaElement } from '../shared/plaza-element.ts';
import { sourceTask } from '../../controllers/source-task.ts';
import { ClockController } from '../../controllers/clock-controller.ts';
import { describeProblem } from '../../core/i18n.ts';
import { notificationsFor, type Inbox, type NotificationStore } from '../../core/notification-store.ts';
import { asPlazaError, type PlazaError } from '../../core/problem.ts';
import type { Me, PlazaNotification } from '../../core/protocol.ts';
import { renderGroups } from './notification-list.ts';
import { SettingsController } from './settings-controller.ts';
import { PlazaNotificationOpenEvent, PlazaNotificationsFailedEvent, PlazaNotificationsMarkedReadEvent, PlazaNotificationsReadEvent } from './events.ts';
import { styles } from './notifications.styles.ts';
import { notificationsMessages } from './messages.ts';

// The events this element fires, for bundlers that import the element alone (and their HTMLElementEventMap entries).
export * from './events.ts';

/** How long a click on an entry waits for "read" to reach the server before the page goes. */
const MARK_BEFORE_LEAVING_MS = 800;

/**
 * A bell for the page header: how many notifications are unread, and a panel with the newest,
 * grouped by day, each leading to the comment it is about. It stays live over the page's one
 * event stream, and "Alle als gelesen markieren" clears it in every tab.
 *
 * ```html
 * <plaza-notifications></plaza-notifications>
 * ```
 *
 * Keyboard: the bell is a disclosure button (Enter or Space opens and closes the panel); in the
 * panel, the arrow keys, Home and End move between entries, Escape closes it and returns to the
 * bell. Signed out, the panel says so instead of showing an error.
 *
 * @tagname plaza-notifications
 * @summary Notification bell with unread count and a live list.
 *
 * @fires {PlazaNotificationOpenEvent} plaza-notification-open - Before following an entry; cancelable.
 * @fires {PlazaNotificationsReadEvent} plaza-notifications-read - Before marking read; cancelable.
 * @fires {PlazaNotificationsMarkedReadEvent} plaza-notifications-marked-read - After the server marked them read.
 * @fires {PlazaNotificationsFailedEvent} plaza-notifications-failed - When marking read failed (undone, reason shown).
 *
 * @csspart button - The bell button.
 * @csspart badge - The unread count on the bell.
 * @csspart panel - The panel that opens below the bell.
 * @csspart title - The panel's title.
 * @csspart mark-all - The "mark all as read" button.
 * @csspart group-heading - "Heute", "Gestern", "Früher".
 * @csspart list - One day's entries.
 * @csspart item - An entry; `item-unread` as well while unread.
 * @csspart link - The link of an entry to where it happened.
 * @csspart about - The page or post an entry is about.
 * @csspart excerpt - The first words of what was written.
 * @csspart more - The "show older" button.
 * @csspart settings-toggle - The button between the list and the settings view.
 * @csspart setting - A kind's choice in the settings view.
 *
 * @cssprop [--plaza-color-accent=light-dark(#0b5cad, #8cc4ff)] - Badge, unread marks, links and focus ring.
 * @cssprop [--plaza-color-on-accent=light-dark(#ffffff, #0b1b2b)] - The badge's number.
 * @cssprop [--plaza-color-surface=light-dark(#ffffff, #1d2127)] - The panel's background.
 * @cssprop [--plaza-color-border] - The panel's border and separators.
 * @cssprop [--plaza-color-muted] - Times and excerpts.
 * @cssprop [--plaza-radius=6px] - Corner radius of the panel.
 * @cssprop [--plaza-notifications-width=24rem] - The panel's width (never wider than the window).
 */
export class PlazaNotifications extends PlazaElement {
  static override styles = styles;
  static override messages = [notificationsMessages];

  @state() private expanded = false;
  /** The panel shows the list, or the settings view. */
  @state() private view: 'list' | 'settings' = 'list';
  /** Why the last "mark read" or "show older" failed, shown in the panel until the next try. */
  @state() private problem = '';
  /** Said once by screen readers when a notification arrives while the page is open. */
  @state() private announcement = '';

  readonly #me = sourceTask<Me>(this, () => ({ source: this.services.me, key: 'me' }));
  readonly #inbox = sourceTask<Inbox>(this, () => ({ source: this.#store, key: this.#me.value?.user ? 'me' : undefined }));
  private readonly clock = new ClockController(this);
  readonly #settings = new SettingsController(this, () => ({
    client: this.services.client,
    shown: this.expanded && this.view === 'settings',
    t: this.t,
    moderator: this.#me.value?.can.moderate ?? false,
  }));
  #newestSeen: string | undefined;

  /** The page's inbox for this endpoint, made when the first bell asks. */
  get #store(): NotificationStore {
    return notificationsFor(this.services);
  }

  /** What the bell knows: `complete`, `error`, `signed-out` or still `pending` (stories and tests wait on it). */
  get #status(): string {
    if (this.#me.value && !this.#me.value.user) return 'signed-out';
    if (this.#me.status === 'error') return this.#me.error?.status === 401 ? 'signed-out' : 'error';
    if (this.#inbox.status === 'error') return this.#inbox.error?.status === 401 ? 'signed-out' : 'error';
    return this.#inbox.status === 'complete' ? 'complete' : 'pending';
  }

  get #unread(): number {
    return this.#inbox.value?.unread ?? 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.#onOutsidePointer, true);
  }

  override disconnectedCallback(): void {
    document.removeEventListener('pointerdown', this.#onOutsidePointer, true);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const newest = this.#inbox.value?.items[0];
    if (newest && this.#newestSeen !== undefined && newest.id !== this.#newestSeen && !newest.readAt) {
      this.announcement = newest.actors[0] ? `${this.t('notifications.title')}: ${newest.actors[0].name}` : this.t('notifications.title');
    }
    if (newest) this.#newestSeen = newest.id;
  }

  protected override render() {
    const t = this.t;
    const unread = this.#unread;
    return html`<button
        part="button"
        class="bell"
        aria-expanded=${this.expanded ? 'true' : 'false'}
        aria-controls="panel"
        data-status=${this.#status}
        @click=${() => this.#toggle()}
        @keydown=${this.#onBellKey}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path fill="currentColor" d=${BELL} /></svg>
        <span class="visually-hidden">${t('notifications.title')}</span>
        ${unread > 0
          ? // The name is what shows ("99+"), so speech input and screen readers agree with the eye (WCAG 2.5.3).
            html`<span part="badge" class="badge"
              ><span class="visually-hidden">, </span>${unread > 99 ? '99+' : unread}<span class="visually-hidden"> ${t('notifications.unread')}</span></span
            >`
          : nothing}
      </button>
      <span class="visually-hidden" role="status">${this.announcement}</span>
      <div id="panel" part="panel" class="panel" role="region" aria-labelledby="title" ?hidden=${!this.expanded} @keydown=${this.#onPanelKey} @focusout=${this.#onFocusOut}>
        <div class="head">
          <h2 id="title" part="title">${t(this.view === 'settings' ? 'notifications.settings' : 'notifications.title')}</h2>
          <span class="actions">
            ${this.#inbox.value && this.view === 'list'
              ? html`<button part="mark-all" class="link" ?disabled=${unread === 0} @click=${() => this.#markRead('all')}>${t('notifications.markAllRead')}</button>`
              : nothing}
            ${this.#me.value?.user
              ? html`<button part="settings-toggle" class="link" aria-pressed=${this.view === 'settings' ? 'true' : 'false'} @click=${() => this.#switchView()}>
                  ${t(this.view === 'settings' ? 'notifications.settings.back' : 'notifications.settings')}
                </button>`
              : nothing}
          </span>
        </div>
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing} ${this.expanded ? (this.view === 'settings' ? this.#settings.render() : this.#renderBody()) : nothing}
      </div>`;
  }

  #renderBody() {
    const t = this.t;
    const loading = () => html`<p class="quiet" role="status">${t('notifications.loading')}</p>`;
    if (this.#status === 'signed-out') return html`<p class="quiet">${t('notifications.signedOut')}</p>`;
    const failed = (error: PlazaError, retry: () => void) =>
      html`<p class="problem" role="alert">${t('notifications.loadFailed')} ${describeProblem(t, error)}</p>
        <button class="link" @click=${retry}>${t('common.retry')}</button>`;
    if (this.#me.status === 'error' && this.#me.error) return failed(this.#me.error, () => this.#me.run());
    return this.#inbox.render({
      initial: loading,
      pending: loading,
      complete: (inbox) =>
        inbox.items.length === 0
          ? html`<p class="quiet">${t('notifications.empty')}</p>`
          : html`${renderGroups(inbox.items, { t, locale: this.locale, open: (item, event) => this.#follow(item, event) })}
            ${inbox.nextCursor ? html`<button part="more" class="link more" @click=${() => this.#loadMore()}>${t('notifications.more')}</button>` : nothing}`,
      error: (error) => failed(error, () => this.#inbox.run()),
    });
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!changed.has('expanded') || !this.expanded) return;
    // Below the bell, its end edge under the bell's, but never past the window's edges (320 px screens).
    const panel = this.renderRoot.querySelector<HTMLElement>('.panel');
    if (!panel) return;
    const bell = this.getBoundingClientRect();
    const width = panel.offsetWidth;
    const left = Math.max(8, Math.min(bell.right - width, innerWidth - width - 8));
    panel.style.left = `${left - bell.left}px`;
    panel.style.right = 'auto';
  }

  #toggle(open = !this.expanded): void {
    this.expanded = open;
    if (!open) {
      this.problem = '';
      this.view = 'list';
    }
  }

  #switchView(): void {
    this.view = this.view === 'settings' ? 'list' : 'settings';
    this.#settings.status = '';
  }

  #close(focusBell: boolean): void {
    if (!this.expanded) return;
    this.#toggle(false);
    if (focusBell) this.renderRoot.querySelector<HTMLButtonElement>('.bell')?.focus();
  }

  readonly #onBellKey = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown' && this.expanded) {
      event.preventDefault();
      this.#entries()[0]?.focus();
    } else if (event.key === 'Escape') this.#close(true);
  };

  readonly #onPanelKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      return this.#close(true);
    }
    const entries = this.#entries();
    const at = entries.indexOf(this.shadowRoot?.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: entries.length - 1 };
    const next = moves[event.key];
    if (next === undefined || entries.length === 0) return;
    event.preventDefault();
    entries[Math.max(0, Math.min(entries.length - 1, next))]?.focus();
  };

  /** Tabbing out of the panel, or clicking elsewhere on the page, closes it, as a menu would. */
  readonly #onFocusOut = (event: FocusEvent): void => {
    const to = event.relatedTarget as Node | null;
    if (to && !this.renderRoot.contains(to) && !this.contains(to)) this.#close(false);
  };

  readonly #onOutsidePointer = (event: PointerEvent): void => {
    if (this.expanded && !event.composedPath().includes(this)) this.#close(false);
  };

  #entries(): HTMLElement[] {
    return Array.from(this.renderRoot.querySelectorAll<HTMLElement>('.entry'));
  }

  /** Marks it read, then follows the link; a click with a modifier (new tab) is left to the browser. */
  #follow(item: PlazaNotification, event: MouseEvent): void {
    if (!this.dispatchEvent(new PlazaNotificationOpenEvent(item))) return event.preventDefault();
    if (item.readAt) return;
    const marking = this.#markRead([item.id]);
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || !item.permalink) return;
    event.preventDefault();
    const url = item.permalink;
    const go = () => location.assign(url);
    void Promise.race([marking, new Promise((resolve) => setTimeout(resolve, MARK_BEFORE_LEAVING_MS))]).then(go, go);
  }

  async #markRead(ids: readonly string[] | 'all'): Promise<void> {
    if (!this.dispatchEvent(new PlazaNotificationsReadEvent(ids))) return;
    this.problem = '';
    try {
      await this.#store.markRead(ids);
      this.dispatchEvent(new PlazaNotificationsMarkedReadEvent(ids, this.#unread));
    } catch (error) {
      const problem = asPlazaError(error);
      this.problem = this.t('notifications.markFailed', { reason: describeProblem(this.t, problem) });
      this.dispatchEvent(new PlazaNotificationsFailedEvent(ids, problem));
    }
  }

  async #loadMore(): Promise<void> {
    this.problem = '';
    try {
      await this.#store.loadMore();
    } catch (error) {
      this.problem = this.t('notifications.moreFailed', { reason: describeProblem(this.t, asPlazaError(error)) });
    }
  }
}

/** Material Symbols' "notifications" (Apache 2.0), as a path. */
const BELL =
  'M4 19v-2h2v-7q0-2.075 1.25-3.687T10.5 4.2v-.7q0-.625.438-1.062T12 2t1.063.438T13.5 3.5v.7q2 .5 3.25 2.113T18 10v7h2v2zm8 3q-.825 0-1.412-.587T10 20h4q0 .825-.587 1.413T12 22';
