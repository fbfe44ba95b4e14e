import type { PlazaNotification } from '../../core/protocol.ts';
import type { PlazaError } from '../../core/problem.ts';

/** Fired before the reader follows a notification to its comment. Call `preventDefault()` to handle it yourself (the bell then neither marks it read nor navigates). */
export class PlazaNotificationOpenEvent extends Event {
  constructor(readonly notification: PlazaNotification) {
    super('plaza-notification-open', { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired before notifications are marked read (`ids`, or `'all'`). Call `preventDefault()` to veto it. */
export class PlazaNotificationsReadEvent extends Event {
  constructor(readonly ids: readonly string[] | 'all') {
    super('plaza-notifications-read', { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired after the server marked them read; other tabs follow by themselves. */
export class PlazaNotificationsMarkedReadEvent extends Event {
  constructor(
    readonly ids: readonly string[] | 'all',
    /** How many are still unread. */
    readonly unread: number,
  ) {
    super('plaza-notifications-marked-read', { bubbles: true, composed: true });
  }
}

/** Fired when marking read failed; the bell has undone it and shown why. */
export class PlazaNotificationsFailedEvent extends Event {
  constructor(
    readonly ids: readonly string[] | 'all',
    /** A PlazaError with the problem's `type`, `status` and `detail`. */
    readonly error: PlazaError,
  ) {
    super('plaza-notifications-failed', { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'plaza-notification-open': PlazaNotificationOpenEvent;
    'plaza-notifications-read': PlazaNotificationsReadEvent;
    'plaza-notifications-marked-read': PlazaNotificationsMarkedReadEvent;
    'plaza-notifications-failed': PlazaNotificationsFailedEvent;
  }
}
