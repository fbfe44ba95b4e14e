import type { Activity, ActivityScope } from '../../core/protocol.ts';
import type { PlazaError } from '../../core/problem.ts';

/*
 * Events carry typed fields rather than a `detail` bag, so a page's editor
 * completes `e.text`.
 */

/** Fired before a status post is sent. Call `preventDefault()` to keep it (the text stays in the composer). */
export class PlazaStatusSubmitEvent extends Event {
  constructor(
    /** The post's Markdown. */
    readonly text: string,
    /** The feed's scope, e.g. `all` or `space:page:/teams/netz/`. */
    readonly scope: ActivityScope,
  ) {
    super('plaza-status-submit', { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired after the server accepted a status post. */
export class PlazaStatusPostedEvent extends Event {
  constructor(
    /** The new activity, as the server answered it. */
    readonly activity: Activity,
  ) {
    super('plaza-status-posted', { bubbles: true, composed: true });
  }
}

/** Fired when a status post was finally refused; the text is back in the composer with the reason. */
export class PlazaStatusFailedEvent extends Event {
  constructor(
    readonly text: string,
    /** A PlazaError with the problem's `type`, `status` and `detail`. */
    readonly error: PlazaError,
  ) {
    super('plaza-status-failed', { bubbles: true, composed: true });
  }
}

/**
 * Fired when the reader confirmed deleting a status post (their own, or any as
 * a moderator), before the request goes out. Call `preventDefault()` to keep
 * the post, e.g. while the page asks for a confirmation of its own.
 */
export class PlazaActivityDeleteEvent extends Event {
  constructor(
    /** The status post about to be deleted. */
    readonly activity: Activity,
  ) {
    super('plaza-activity-delete', { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired after the server deleted a status post; every feed showing it drops it (others on the page at once, elsewhere live). */
export class PlazaActivityDeletedEvent extends Event {
  constructor(
    /** The status post as it was shown. */
    readonly activity: Activity,
  ) {
    super('plaza-activity-deleted', { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'plaza-status-submit': PlazaStatusSubmitEvent;
    'plaza-status-posted': PlazaStatusPostedEvent;
    'plaza-status-failed': PlazaStatusFailedEvent;
    'plaza-activity-delete': PlazaActivityDeleteEvent;
    'plaza-activity-deleted': PlazaActivityDeletedEvent;
  }
}
