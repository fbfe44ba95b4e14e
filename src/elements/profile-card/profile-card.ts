import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PlazaElement } from '../shared/plaza-element.ts';
import { sourceTask } from '../../controllers/source-task.ts';
import { describeProblem } from '../../core/i18n.ts';
import { asPlazaError, isSignInToRead, type PlazaError } from '../../core/problem.ts';
import { PROBLEM_TYPES, type Me, type Person, type Profile } from '../../core/protocol.ts';
import { renderAvatar } from '../shared/avatar.ts';
import { renderContacts, renderDetails } from './profile-parts.ts';
import { PlazaFollowChangedEvent, PlazaFollowFailedEvent, PlazaFollowToggleEvent } from './events.ts';
import { styles } from './profile-card.styles.ts';
import { peopleOf } from '../../core/people-store.ts';
import { profileCardMessages } from './messages.ts';

// The events this element fires, for bundlers that import the element alone (and their HTMLElementEventMap entries).
export { PlazaFollowToggleEvent, PlazaFollowChangedEvent, PlazaFollowFailedEvent } from './events.ts';

/**
 * A colleague's card: picture (or initials), name, role, department,
 * location, manager, contact links, and a follow button with the live
 * follower count. `<plaza-person>` shows it, compact, as a hovercard.
 *
 * @tagname plaza-profile-card
 * @summary A colleague's profile card with contact links and follow button.
 *
 * @slot activity - Replaces the person's recent activity (by default their last three activities in a compact `<plaza-activity-feed>`); shown in the `full` variant only.
 *
 * @event {PlazaFollowToggleEvent} plaza-follow-toggle - Before the reader follows or stops following; cancelable. Fields: `user`, `active`.
 * @event {PlazaFollowChangedEvent} plaza-follow-changed - After the server accepted it. Fields: `user`, `active`, `profile`.
 * @event {PlazaFollowFailedEvent} plaza-follow-failed - When the server refused (the card has rolled back). Fields: `user`, `active`, `error`.
 *
 * @csspart card - The whole card.
 * @csspart avatar - The picture, or the initials on a colour derived from the name.
 * @csspart name - The person's name.
 * @csspart role - Their role (job title).
 * @csspart details - The list of department, location and manager.
 * @csspart contacts - The row of contact links; each link is a `contact` part.
 * @csspart contact - A contact link (mail, phone, chat).
 * @csspart follow - The follower count and follow button.
 * @csspart followers - The follower count.
 * @csspart follow-button - The follow / unfollow button.
 * @csspart error - The not-found, load-error and "not saved" messages.
 * @csspart activity - The recent activity section (`full` only) with its heading.
 *
 * @cssprop [--plaza-color-accent=light-dark(#0b5cad, #8cc4ff)] - The follow button, links, focus ring.
 * @cssprop [--plaza-color-on-accent=light-dark(#ffffff, #0b1b2b)] - Text on the follow button.
 * @cssprop [--plaza-color-surface=light-dark(#ffffff, #1d2127)] - The card's own ground. Secondary text and links keep 4.5:1 on it whatever the page paints behind; a page that sets it `transparent` must check their contrast itself.
 * @cssprop [--plaza-color-text=CanvasText] - Text colour on the card's ground.
 * @cssprop [--plaza-color-muted] - Labels, role and follower count; derived from the text colour.
 * @cssprop [--plaza-color-border] - Borders of the buttons and the card.
 * @cssprop [--plaza-color-danger] - Error messages.
 * @cssprop [--plaza-radius=6px] - Corner radius.
 * @cssprop [--plaza-space=0.5rem] - Base spacing unit.
 * @cssprop [--plaza-font=inherit] - Font family; inherits the page's by default.
 * @cssprop [--plaza-avatar-size=4rem] - Size of the picture (`compact`: 3rem).
 */
export class PlazaProfileCard extends PlazaElement {
  static override styles = styles;
  static override messages = [profileCardMessages];

  /** The person's directory id, e.g. `ayse.demir`. */
  @property({ reflect: true }) user = '';

  /** `full` (default): everything, and the activity slot. `compact`: the dense card a hovercard shows. */
  @property({ reflect: true }) variant: 'full' | 'compact' = 'full';

  @state() private message = '';
  @state() private announcement = '';

  readonly #profile = sourceTask<Profile>(this, () => ({
    source: peopleOf(this.services).profiles,
    key: this.user || undefined,
  }));

  readonly #me = sourceTask<Me>(this, () => ({ source: this.services.me, key: 'me' }));

  protected override render() {
    const card = () => this.#renderCard();
    return this.#profile.render({ initial: card, pending: card, complete: card, error: (error) => this.#renderError(error) });
  }

  /** The card, also while the profile loads. */
  #renderCard() {
    const t = this.t;
    const { status, value } = this.#profile;
    // While the profile loads, a colleague whose name tag is on the page already shows.
    const person: Person | undefined = value ?? (this.user ? peopleOf(this.services).peek(this.user) : undefined);
    const compact = this.variant === 'compact';
    return html`<article part="card" class="card ${compact ? 'compact' : 'full'}" aria-labelledby=${person ? 'name' : nothing} aria-busy=${status === 'pending' ? 'true' : 'false'}>
      ${person
        ? html`<div class="head">
              ${renderAvatar(person, this)}
              <div class="who">
                <p part="name" class="name" id="name">${person.name}</p>
                ${person.role ? html`<p part="role" class="role">${person.role}</p>` : nothing}
              </div>
            </div>
            ${renderDetails(t, person, value?.manager, compact)}
            ${renderContacts(t, person, this.config.chatUrl)}`
        : nothing}
      ${status === 'pending' ? html`<p class="loading" role="status">${t('profile.loading')}</p>` : nothing}
      ${value ? this.#renderFollow(value) : nothing}
      <div part="error" class="message" role="alert">${this.message
        ? html`<span>${this.message}</span> <button class="link" @click=${() => (this.message = '')}>${t('common.dismiss')}</button>`
        : nothing}</div>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      ${compact || !value ? nothing : this.#renderActivity(value)}
    </article>`;
  }

  /** What the person did lately, unless the page put something of its own in the slot. */
  #renderActivity(profile: Profile) {
    // Fallback content is connected even while the slot shows the page's own: it would load the same feed a second time.
    const own = this.querySelector(':scope > [slot="activity"]') !== null;
    return html`<section part="activity" class="activity" aria-labelledby="activity-heading">
      <h3 id="activity-heading" class="activity-heading">${this.t('profile.activity')}</h3>
      <slot name="activity" @slotchange=${() => this.requestUpdate()}
        >${own ? nothing : html`<plaza-activity-feed scope=${`user:${profile.id}`} page-size="3" compact></plaza-activity-feed>`}</slot
      >
    </section>`;
  }

  #renderFollow(profile: Profile) {
    const t = this.t;
    const reader = this.#me.value?.user;
    // Nobody follows themselves, and a signed-out reader cannot follow: no button rather than a refusal.
    const canFollow = !!reader && reader.id !== profile.id;
    return html`<div part="follow" class="follow">
      <span part="followers" class="followers">${t('profile.followers', { count: profile.followers })}</span>
      ${canFollow
        ? html`<button part="follow-button" class=${profile.followedByMe ? 'following' : 'not-following'} @click=${() => this.toggleFollow()}>
            ${profile.followedByMe ? t('profile.unfollow') : t('profile.follow')}
          </button>`
        : nothing}
    </div>`;
  }

  #renderError(error: PlazaError) {
    const t = this.t;
    const notFound = error.status === 404 || error.type === PROBLEM_TYPES.notFound;
    if (isSignInToRead(error)) {
      return html`<div part="card" class="card ${this.variant === 'compact' ? 'compact' : 'full'}">
        <p part="signed-out" class="state">${t('profile.signInToRead')}</p>
      </div>`;
    }
    return html`<div part="card" class="card ${this.variant === 'compact' ? 'compact' : 'full'}">
      <div part="error" class="state" role="alert">
        <p class="state-title">${notFound ? t('profile.notFound') : t('profile.loadFailed')}</p>
        <p>${notFound ? t('profile.notFound.detail') : describeProblem(t, error)}</p>
        ${notFound ? nothing : html`<button class="link" @click=${() => this.#profile.run()}>${t('common.retry')}</button>`}
      </div>
    </div>`;
  }

  /** Follows the person, or stops following, as a click on the button does. */
  async toggleFollow(): Promise<void> {
    const profile = this.#profile.value;
    if (!profile) return;
    const { id, name } = profile;
    const active = !profile.followedByMe;
    // Events are built before dispatch: the manifest analyser would read the first constructor argument as the event's name.
    const toggle = new PlazaFollowToggleEvent(id, active);
    if (!this.dispatchEvent(toggle)) return;
    this.message = '';
    this.announcement = '';
    try {
      const after = await peopleOf(this.services).follow(id, active);
      this.announcement = this.t(active ? 'profile.followed' : 'profile.unfollowed', { name });
      const changed = new PlazaFollowChangedEvent(id, active, after);
      this.dispatchEvent(changed);
    } catch (error) {
      this.message = this.t('profile.follow.failed', { reason: describeProblem(this.t, error) });
      const failed = new PlazaFollowFailedEvent(id, active, asPlazaError(error));
      this.dispatchEvent(failed);
    }
  }
}
