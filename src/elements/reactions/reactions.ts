import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PlazaElement } from '../shared/plaza-element.ts';
import { sourceTask } from '../../controllers/source-task.ts';
import { DEFAULT_REACTION_KINDS, type Me, type ReactionSummary } from '../../core/protocol.ts';
import { describeProblem } from '../../core/i18n.ts';
import { threadKeyFor } from '../../core/thread-key.ts';
import { parseKinds } from '../../core/reaction-kinds.ts';
import { kindButtons } from './kind-buttons.ts';
import { WhoReactedController, renderWhoReacted } from './who-reacted-controller.ts';
import { PlazaReactionToggleEvent, PlazaReactionChangedEvent, PlazaReactionFailedEvent } from './events.ts';
import { styles } from './reactions.styles.ts';
import { asPlazaError, isSignInToRead } from '../../core/problem.ts';
import { reactionsMessages } from './messages.ts';

// The events this element fires, for bundlers that import the element alone (and their HTMLElementEventMap entries).
export { PlazaReactionToggleEvent, PlazaReactionChangedEvent, PlazaReactionFailedEvent } from './events.ts';

/**
 * A reaction bar for any target: a page, a comment, a post. Shows the counts
 * per kind and which are the reader's own; toggling is immediate and rolls
 * back with a message if the server refuses; colleagues' reactions arrive live.
 *
 * @tagname plaza-reactions
 * @summary Reaction bar (👍 ❤️ 🎉 💡 😮) for a page, comment or post.
 *
 * @event {PlazaReactionToggleEvent} plaza-reaction-toggle - Before a reaction is added or taken back; cancelable. Fields: `key`, `kind`, `active`.
 * @event {PlazaReactionChangedEvent} plaza-reaction-changed - After the server accepted a change. Fields: `key`, `kind`, `active`, `summary`.
 * @event {PlazaReactionFailedEvent} plaza-reaction-failed - When the server refused a change (the bar has rolled back). Fields: `key`, `kind`, `error`.
 *
 * @csspart bar - The row of reaction buttons.
 * @csspart reaction - Each reaction button; also `reaction-active` when it is the reader's own.
 * @csspart emoji - The emoji inside a button.
 * @csspart count - The count inside a button.
 * @csspart who-toggle - The "Who reacted?" button.
 * @csspart who - The list of people who reacted.
 * @csspart error - The message shown when a reaction could not be saved or loaded.
 * @csspart signed-out - "Sign in to see the reactions", when the server lets only signed-in people read.
 *
 * @cssprop [--plaza-color-accent=light-dark(#0b5cad, #8cc4ff)] - Border and tint of your own reactions, focus ring.
 * @cssprop [--plaza-color-text=currentColor] - Text colour; inherits the page's by default.
 * @cssprop [--plaza-color-border] - Border of the buttons; derived from the text colour by default.
 * @cssprop [--plaza-color-danger] - Colour of error messages.
 * @cssprop [--plaza-radius=6px] - Corner radius; the buttons use twice this for a pill shape.
 * @cssprop [--plaza-space=0.5rem] - Base spacing unit.
 * @cssprop [--plaza-font=inherit] - Font family; inherits the page's by default.
 */
export class PlazaReactions extends PlazaElement {
  static override styles = styles;
  static override messages = [reactionsMessages];

  /**
   * What the reactions are about: an opaque key such as `page:/news/kantine` or `comment:123`.
   * Defaults to the page's key, the same `<plaza-comments>` uses: its canonical link, else its
   * address without tracking parameters (`article.jsp?id=42` keeps its `id`).
   */
  @property({ reflect: true }) target = '';

  /** The reaction kinds to offer, comma- or space-separated, in order. Defaults to `like, love, celebrate, insight, surprise`. */
  @property() kinds = '';

  /** Shows the counts without letting anyone react, e.g. in an archive. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  @state() private message = '';
  @state() private whoOpen = false;

  readonly #summary = sourceTask<ReactionSummary>(this, () => ({
    source: this.services.reactions,
    key: this.effectiveTarget,
  }));

  readonly #who = new WhoReactedController(this);
  /** What the reader may do: `can.seeWhoReacted` false (`PLAZA_WHO_REACTED`) means no "who reacted" to offer. Shared by the page's elements. */
  readonly #me = sourceTask<Me>(this, () => ({ source: this.services.me, key: 'me' }));

  /**
   * The target in force: the attribute, else the page's key (see threadKeyFor), so a page's
   * reactions and comments are about the same page, and `article.jsp?id=41` and `?id=42` are two.
   * @internal
   */
  get effectiveTarget(): string {
    return this.target || threadKeyFor();
  }

  protected override render() {
    const t = this.t;
    const bar = () => this.#renderBar();
    return this.#summary.render({
      initial: bar,
      pending: bar,
      complete: bar,
      error: (error) =>
        isSignInToRead(error)
          ? html`<p part="signed-out" class="signed-out">${t('reactions.signInToRead')}</p>`
          : html`<div part="error" class="load-error" role="alert">
              <span>${t('reactions.loadFailed')} ${describeProblem(t, error)}</span>
              <button class="link" @click=${() => this.#summary.run()}>${t('common.retry')}</button>
            </div>`,
    });
  }

  /** The bar, also while the summary loads (busy, every count at zero). */
  #renderBar() {
    const t = this.t;
    const { status, value } = this.#summary;
    const kinds = parseKinds(this.kinds, DEFAULT_REACTION_KINDS);
    const total = kinds.reduce((sum, kind) => sum + (value?.counts[kind] ?? 0), 0);
    return html`
      <div part="bar" role="group" aria-label=${t('reactions.label')} aria-busy=${status === 'pending' ? 'true' : 'false'} @click=${this.#onBarClick}>
        ${kindButtons({
          kinds: kinds.filter((kind) => !this.readonly || (value?.counts[kind] ?? 0) > 0),
          value,
          t,
          locale: this.locale,
          readonly: this.readonly,
        })}
        ${status === 'pending' ? html`<span class="visually-hidden" role="status">${t('reactions.loading')}</span>` : nothing}
        ${total > 0 && this.#me.value?.can.seeWhoReacted !== false
          ? html`<button part="who-toggle" class="link" aria-expanded=${this.whoOpen ? 'true' : 'false'} aria-controls="who" @click=${this.#toggleWho}>
              ${this.whoOpen ? t('reactions.who.close') : t('reactions.who')}
            </button>`
          : nothing}
      </div>
      <div part="error" class="message" role="alert">${this.message
        ? html`<span>${this.message}</span>
            <button class="link" @click=${() => (this.message = '')}>${t('common.dismiss')}</button>`
        : nothing}</div>
      ${this.whoOpen
        ? renderWhoReacted(this.#who, t, this.locale, (kind) => this.#who.loadMore(this.services.client, this.effectiveTarget, kind))
        : nothing}
    `;
  }

  /**
   * One listener for the bar's buttons rather than one each: a long thread has
   * a bar per comment, and its first render pays for every listener.
   */
  #onBarClick(event: Event): void {
    const kind = (event.target as Element).closest<HTMLButtonElement>('button[data-kind]')?.dataset.kind;
    if (kind) void this.toggle(kind);
  }

  /** Adds or takes back the reader's reaction of this kind, as a click on its button does. */
  async toggle(kind: string): Promise<void> {
    if (this.readonly) return;
    const target = this.effectiveTarget;
    const active = !(this.#summary.value?.mine.includes(kind) ?? false);
    // Events are built before dispatch: the manifest analyser would read the first constructor argument as the event's name.
    const toggle = new PlazaReactionToggleEvent(target, kind, active);
    if (!this.dispatchEvent(toggle)) return;
    this.message = '';
    try {
      const summary = await this.services.reactions.toggle(target, kind);
      const changed = new PlazaReactionChangedEvent(target, kind, active, summary);
      this.dispatchEvent(changed);
    } catch (error) {
      this.message = this.t('reactions.saveFailed', { reason: describeProblem(this.t, error) });
      const failed = new PlazaReactionFailedEvent(target, kind, asPlazaError(error));
      this.dispatchEvent(failed);
    }
  }

  #toggleWho(): void {
    this.whoOpen = !this.whoOpen;
    if (!this.whoOpen) return this.#who.close();
    const counts = this.#summary.value?.counts ?? {};
    const shown = parseKinds(this.kinds, DEFAULT_REACTION_KINDS).filter((kind) => (counts[kind] ?? 0) > 0);
    this.#who.open(this.services.client, this.effectiveTarget, Object.fromEntries(shown.map((kind) => [kind, counts[kind]!])));
  }
}
