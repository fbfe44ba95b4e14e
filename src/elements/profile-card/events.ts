import type { Profile } from '../../core/protocol.ts';
import type { PlazaError } from '../../core/problem.ts';

/*
 * The follow button's events, on the model of the reaction bar's: a
 * cancelable "toggle" before, "changed" once the server agreed, "failed" when
 * it refused. Like every DOM event class, each is named `Plaza` + its type +
 * `Event` (decision 115), apart from the protocol's realtime `FollowChangedEvent`.
 */

/** Fired before the reader follows or stops following someone. Call `preventDefault()` to veto it. */
export class PlazaFollowToggleEvent extends Event {
  constructor(
    /** The person's directory id. */
    readonly user: string,
    /** True when the reader starts following, false when they stop. */
    readonly active: boolean,
  ) {
    super('plaza-follow-toggle', { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired after the server accepted a follow or unfollow. */
export class PlazaFollowChangedEvent extends Event {
  constructor(
    readonly user: string,
    readonly active: boolean,
    /** The person's profile afterwards, with the new follower count. */
    readonly profile: Profile,
  ) {
    super('plaza-follow-changed', { bubbles: true, composed: true });
  }
}

/** Fired when the server refused; the card has already rolled back and shown why. */
export class PlazaFollowFailedEvent extends Event {
  constructor(
    readonly user: string,
    readonly active: boolean,
    /** A PlazaError with the problem's `type`, `status` and `detail`. */
    readonly error: PlazaError,
  ) {
    super('plaza-follow-failed', { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'plaza-follow-toggle': PlazaFollowToggleEvent;
    'plaza-follow-changed': PlazaFollowChangedEvent;
    'plaza-follow-failed': PlazaFollowFailedEvent;
  }
}
