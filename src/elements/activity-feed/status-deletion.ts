import { css, html, nothing, type LitElement, type TemplateResult } from 'lit';
import type { FeedItem } from './feed-controller.ts';
import type { ActivityStore } from '../../core/activity-store.ts';
import { describeProblem, type Translate } from '../../core/i18n.ts';
import { MENTION_PATTERN, type Me } from '../../core/protocol.ts';
import { PlazaActivityDeletedEvent, PlazaActivityDeleteEvent } from './events.ts';

export interface DeletionContext {
  store: ActivityStore;
  /** The reader, once known. */
  me: Me | undefined;
  t: Translate;
  announce(text: string): void;
}

/**
 * Deleting status posts from the feed: "Löschen" turns into "Wirklich
 * löschen?" with confirm and cancel (Escape cancels) inside the item; the
 * confirmation sends `plaza-activity-delete` (a page may veto), shows the
 * item as busy while the server deletes, and on success the post leaves every
 * feed of the page at once (and feeds elsewhere by the realtime event), focus
 * moving to the next item. A refusal is said in the item, which stays.
 */
export class StatusDeletion {
  /** The post whose confirmation is open. */
  confirming: string | null = null;
  /** The post being deleted. */
  busy: string | null = null;
  /** Why the last attempt failed, shown in the open confirmation. */
  error = '';

  readonly #host: LitElement;
  readonly #context: () => DeletionContext;

  constructor(host: LitElement, context: () => DeletionContext) {
    this.#host = host;
    this.#context = context;
  }

  /** Status posts of the reader, and any as a moderator: whom the server lets delete them. */
  canDelete(item: FeedItem): boolean {
    const me = this.#context().me;
    if (item.kind !== 'status' || item.sending || !me?.user) return false;
    return item.actor?.id === me.user.id || me.can.moderate;
  }

  ask(id: string): void {
    if (this.busy) return;
    Object.assign(this, { confirming: id, error: '' });
    this.#host.requestUpdate();
    void this.#focus(`article[data-id="${id}"] [data-action="cancel-delete"]`);
  }

  cancel(): void {
    const id = this.confirming;
    if (!id || this.busy === id) return;
    Object.assign(this, { confirming: null, error: '' });
    this.#host.requestUpdate();
    void this.#focus(`article[data-id="${id}"] [data-action="delete"]`);
  }

  async confirm(item: FeedItem): Promise<void> {
    if (this.busy) return;
    const { store, t, announce } = this.#context();
    // Events are built before dispatch: the manifest analyser would read the first constructor argument as the event's name.
    const asked = new PlazaActivityDeleteEvent(item);
    if (!this.#host.dispatchEvent(asked)) return this.cancel();
    // Where the reader goes on afterwards: the next item, else the one before.
    const ids = [...this.#host.renderRoot.querySelectorAll<HTMLElement>('article[data-id]')].map((article) => article.dataset.id!);
    const at = ids.indexOf(item.id);
    const next = ids[at + 1] ?? ids[at - 1];
    Object.assign(this, { busy: item.id, error: '' });
    this.#host.requestUpdate();
    try {
      await store.remove(item.id);
      this.confirming = null;
      announce(t('feed.delete.done'));
      const deleted = new PlazaActivityDeletedEvent(item);
      this.#host.dispatchEvent(deleted);
      void this.#focus(next ? `article[data-id="${next}"]` : '#status-text');
    } catch (error) {
      this.error = t('feed.delete.failed', { reason: describeProblem(t, error) });
    } finally {
      this.busy = null;
      this.#host.requestUpdate();
    }
  }

  /** "Löschen", or the confirmation with its error. */
  render(item: FeedItem, t: Translate): TemplateResult {
    if (this.confirming !== item.id) {
      const words = excerpt(item.text);
      const label =
        item.actor?.id === this.#context().me?.user?.id
          ? t('feed.delete.label', { excerpt: words })
          : t('feed.delete.label.other', { name: item.actor?.name ?? t('feed.someone'), excerpt: words });
      return html`<div class="delete" part="delete">
        <button class="link" part="delete-button" data-action="delete" aria-label=${label} @click=${() => this.ask(item.id)}>${t('feed.delete')}</button>
      </div>`;
    }
    const busy = this.busy === item.id;
    const promptId = `confirm-delete-${item.id}`;
    return html`<div class="delete" part="confirm-delete" role="group" aria-labelledby=${promptId} @keydown=${this.#onKey}>
      <span id=${promptId} class="prompt">${t('feed.delete.confirm')}</span>
      <button class="danger" part="confirm-delete-button" data-action="confirm-delete" aria-disabled=${busy ? 'true' : 'false'} @click=${() => void this.confirm(item)}>
        ${busy ? t('feed.delete.busy') : t('feed.delete.yes')}
      </button>
      <button class="link" data-action="cancel-delete" aria-disabled=${busy ? 'true' : 'false'} @click=${() => this.cancel()}>${t('composer.cancel')}</button>
      ${this.error ? html`<p class="error" part="delete-error" role="alert">${this.error}</p>` : nothing}
    </div>`;
  }

  /** Escape anywhere in the confirmation cancels it. */
  readonly #onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.cancel();
  };

  async #focus(selector: string): Promise<void> {
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}

/** The start of a post as plain words, to name it in a button: "Die neue Kantinen-App ist online. Danke an …". */
function excerpt(text: string, length = 40): string {
  const plain = text
    .replace(MENTION_PATTERN, '@$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_~`#>|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= length) return plain;
  // Whole words where they are not too long to cut short.
  const cut = plain.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The delete action's few styles; the rest (`.link`, `.error`, busy buttons) are the feed's. */
export const deletionStyles = css`
  .delete {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 0.25rem 0.5rem;
    font-size: 0.9em;
  }
  .delete button {
    min-height: 1.5rem;
  }
  .danger {
    padding: 0.1rem 0.6rem;
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    background: var(--_danger);
    color: light-dark(#fff, #1b0b0a);
  }
  .delete .error {
    flex-basis: 100%;
  }
`;
