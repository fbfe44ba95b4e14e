import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { PlazaElement } from '../shared/plaza-element.ts';
import { sourceTask } from '../../controllers/source-task.ts';
import type { Person } from '../../core/protocol.ts';
import { renderAvatar } from '../shared/avatar.ts';
import { HovercardController } from './hovercard-controller.ts';
import { styles } from './person.styles.ts';
import { peopleOf } from '../../core/people-store.ts';
import { personMessages } from './messages.ts';

/**
 * A colleague's name, inline, as comment authors, mentions and feed items show
 * it: hovering (briefly), clicking, tapping or Enter opens their compact
 * profile card next to it; Escape, a click elsewhere or moving on closes it.
 * Fifty on a page cost one batched request. The `name` attribute or the text
 * inside shows until the directory answers, so nothing waits for the server.
 *
 * ```html
 * <plaza-person user="ayse.demir">Ayşe Demir</plaza-person>
 * ```
 *
 * @tagname plaza-person
 * @summary Inline name (and avatar) that opens the profile card as a hovercard.
 *
 * @slot - The name to show before the directory answers (the `name` attribute does the same).
 *
 * @csspart trigger - The name as a button that opens the card.
 * @csspart avatar - The small picture or initials (with `avatar`).
 * @csspart name - The name text.
 * @csspart hovercard - The floating card.
 * @csspart close - The card's close button.
 *
 * @cssprop [--plaza-color-accent=light-dark(#0b5cad, #8cc4ff)] - Focus ring and the card's links and button.
 * @cssprop [--plaza-color-surface=light-dark(#ffffff, #1d2127)] - Ground of the floating card.
 * @cssprop [--plaza-color-text=CanvasText] - Text in the floating card (the name itself inherits the page's colour).
 * @cssprop [--plaza-color-border] - Border of the floating card.
 * @cssprop [--plaza-radius=6px] - Corner radius of the card.
 * @cssprop [--plaza-space=0.5rem] - Base spacing unit.
 * @cssprop [--plaza-person-avatar-size=1.5em] - Size of the inline avatar.
 */
export class PlazaPerson extends PlazaElement {
  static override styles = styles;
  static override messages = [personMessages];

  /** The person's directory id, e.g. `ayse.demir`. */
  @property({ reflect: true }) user = '';

  /** The name to show until the directory answers (so a comment author shows at once); the text inside the tag does the same. */
  @property() name = '';

  /** Shows the small picture (or initials) before the name. */
  @property({ type: Boolean, reflect: true }) avatar = false;

  readonly #person = sourceTask<Person>(this, () => ({
    source: peopleOf(this.services),
    key: this.user || undefined,
  }));

  readonly #hovercard = new HovercardController(this, () => ({
    trigger: this.renderRoot.querySelector<HTMLElement>('[part="trigger"]'),
    card: this.renderRoot.querySelector<HTMLElement>('[part="hovercard"]'),
  }));

  /** Whether the profile card shows. */
  get open(): boolean {
    return this.#hovercard.open;
  }

  /** Opens the profile card, as a click on the name does. */
  show(): Promise<void> {
    return this.#hovercard.show(true);
  }

  /** Closes the profile card; focus returns to the name if it was in the card. */
  hide(): void {
    this.#hovercard.close(true);
  }

  protected override render() {
    const { status, value, error } = this.#person;
    const fallback = this.name || html`<slot>${this.user || this.t('person.unknown')}</slot>`;
    const unknown = status === 'initial' || error?.status === 404;
    // Nobody to show a card for: the name stays as plain text.
    if (unknown) return html`<span part="name" class="plain">${fallback}</span>`;
    const name = value?.name ?? (this.name || this.user);
    const hover = this.#hovercard;
    // The card is built on first use: a thread's fifty names would otherwise cost fifty hidden cards.
    return html`<button
        part="trigger"
        class="trigger hit-area"
        data-status=${status}
        aria-expanded=${hover.open ? 'true' : 'false'}
        aria-haspopup="dialog"
        aria-controls=${hover.used ? 'card' : nothing}
        @click=${hover.toggle}
        @pointerenter=${hover.pointerEnter}
        @pointerleave=${hover.pointerLeave}
        @focusout=${hover.focusOut}
      >${this.avatar ? renderAvatar(value ?? { name }, this) : nothing}<span part="name">${value?.name ?? fallback}</span></button>${hover.used
        ? html`<div
            id="card"
            part="hovercard"
            class="hovercard"
            popover="manual"
            role="dialog"
            tabindex="-1"
            aria-label=${this.t('profile.label', { name })}
            @pointerenter=${hover.pointerEnter}
            @pointerleave=${hover.pointerLeave}
            @focusout=${hover.focusOut}
          >
            <button part="close" class="close" aria-label=${this.t('person.close')} @click=${() => this.hide()}>
              <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><path d="m3 3 10 10M13 3 3 13" stroke="currentColor" stroke-width="2" /></svg>
            </button>
            <plaza-profile-card user=${this.user} variant="compact"></plaza-profile-card>
          </div>`
        : nothing}`;
  }
}
