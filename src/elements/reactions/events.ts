import type { ReactionSummary } from '../../core/protocol.ts';
import type { PlazaError } from '../../core/problem.ts';

/*
 * Events carry typed fields rather than a `detail` bag, so a page's editor
 * completes `e.kind`. The reaction target is `key`, because `target` is taken
 * by the DOM's Event.
 */

/** Fired before a reaction changes. Call `preventDefault()` to veto it. */
export class PlazaReactionToggleEvent extends Event {
  constructor(
    /** The reaction target, e.g. `page:/news/kantine`. */
    readonly key: string,
    readonly kind: string,
    /** True when the reaction is being added, false when taken back. */
    readonly active: boolean,
  ) {
    super('plaza-reaction-toggle', { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired after the server accepted a reaction change. */
export class PlazaReactionChangedEvent extends Event {
  constructor(
    readonly key: string,
    readonly kind: string,
    readonly active: boolean,
    /** Counts and the reader's own reactions after the change. */
    readonly summary: ReactionSummary,
  ) {
    super('plaza-reaction-changed', { bubbles: true, composed: true });
  }
}

/** Fired when the server refused a change; the bar has already rolled back and shown why. */
export class PlazaReactionFailedEvent extends Event {
  constructor(
    readonly key: string,
    readonly kind: string,
    /** A PlazaError with the problem's `type`, `status` and `detail`. */
    readonly error: PlazaError,
  ) {
    super('plaza-reaction-failed', { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'plaza-reaction-toggle': PlazaReactionToggleEvent;
    'plaza-reaction-changed': PlazaReactionChangedEvent;
    'plaza-reaction-failed': PlazaReactionFailedEvent;
  }
}
