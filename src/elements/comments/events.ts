import type { Comment, Report } from '../../core/protocol.ts';
import type { PlazaError } from '../../core/problem.ts';

/*
 * Events carry typed fields rather than a `detail` bag, so a page's editor
 * completes `e.text`. The thread is `threadKey`, because `target` is taken
 * by the DOM's Event.
 */

/**
 * Fired when the reader sends a comment or a reply, before anything goes to
 * the server. Call `preventDefault()` to veto it: the text stays in the
 * composer, e.g. while the page asks for a confirmation of its own.
 */
export class PlazaCommentSubmitEvent extends Event {
  constructor(
    /** The thread, e.g. `page:/news/kantine`. */
    readonly threadKey: string,
    /** The Markdown about to be posted. */
    readonly text: string,
    /** The comment replied to, or null for a new top-level comment. */
    readonly parentId: string | null,
  ) {
    super('plaza-comment-submit', { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired when the server has accepted a comment or reply (its draft is gone then). */
export class PlazaCommentPostedEvent extends Event {
  constructor(
    readonly threadKey: string,
    /** The comment as the server stored it, with its id, author and time. */
    readonly comment: Comment,
  ) {
    super('plaza-comment-posted', { bubbles: true, composed: true });
  }
}

/** Fired when a comment could not be posted, after the client's retries; the text is back in the composer, with the reason. */
export class PlazaCommentFailedEvent extends Event {
  constructor(
    readonly threadKey: string,
    /** The words that were not posted (they are still in the composer and the draft). */
    readonly text: string,
    readonly parentId: string | null,
    /** A PlazaError with the problem's `type`, `status`, `detail` and `field`. */
    readonly error: PlazaError,
  ) {
    super('plaza-comment-failed', { bubbles: true, composed: true });
  }
}

/**
 * Fired when the reader sends a report about a comment, before it goes to the
 * server. Call `preventDefault()` to veto it (the form stays open with the
 * reason), e.g. to route reports through the page's own channel.
 */
export class PlazaCommentReportEvent extends Event {
  constructor(
    readonly threadKey: string,
    /** The comment reported. */
    readonly commentId: string,
    /** Why, in the reader's words. */
    readonly reason: string,
  ) {
    super('plaza-comment-report', { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired when the server has taken a report; reporting the same comment again replaces the reason. */
export class PlazaCommentReportedEvent extends Event {
  constructor(
    readonly threadKey: string,
    /** The report as the server keeps it (its `commentId`, `reason`, `createdAt`). */
    readonly report: Report,
  ) {
    super('plaza-comment-reported', { bubbles: true, composed: true });
  }
}

/** What a moderator does: hide or restore a comment, close or reopen the thread. */
export type ModerationAction = 'hide' | 'restore' | 'close' | 'reopen';

/**
 * Fired when a moderator hides or restores a comment or closes or reopens
 * the thread, before anything changes. Call `preventDefault()` to veto it,
 * e.g. while the page asks for a reason of its own.
 */
export class PlazaCommentModerateEvent extends Event {
  constructor(
    readonly threadKey: string,
    readonly action: ModerationAction,
    /** The comment hidden or restored; null when the thread is closed or reopened. */
    readonly commentId: string | null,
  ) {
    super('plaza-comment-moderate', { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired when the server has carried out a moderation action (readers see it live). */
export class PlazaCommentModeratedEvent extends Event {
  constructor(
    readonly threadKey: string,
    readonly action: ModerationAction,
    readonly commentId: string | null,
  ) {
    super('plaza-comment-moderated', { bubbles: true, composed: true });
  }
}

/**
 * Fired when the reader saves an edit of their comment, before it goes to the
 * server. Call `preventDefault()` to veto it: the edit stays open.
 */
export class PlazaCommentEditEvent extends Event {
  constructor(
    readonly threadKey: string,
    readonly commentId: string,
    /** The new text, Markdown as typed. */
    readonly text: string,
  ) {
    super('plaza-comment-edit', { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired when the server has stored an edit. */
export class PlazaCommentEditedEvent extends Event {
  constructor(
    readonly threadKey: string,
    readonly commentId: string,
    readonly text: string,
  ) {
    super('plaza-comment-edited', { bubbles: true, composed: true });
  }
}

/**
 * Fired when the reader confirms deleting a comment (their own, or as a
 * moderator anyone's), before it goes to the server. Call `preventDefault()`
 * to veto it: the confirmation stays open.
 */
export class PlazaCommentDeleteEvent extends Event {
  constructor(
    readonly threadKey: string,
    readonly commentId: string,
    /** A moderator deletes someone else's comment. */
    readonly byModerator: boolean,
  ) {
    super('plaza-comment-delete', { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired when the server has deleted a comment. */
export class PlazaCommentDeletedEvent extends Event {
  constructor(
    readonly threadKey: string,
    readonly commentId: string,
    readonly byModerator: boolean,
  ) {
    super('plaza-comment-deleted', { bubbles: true, composed: true });
  }
}

/**
 * Fired when the reader follows a thread or stops following it (the "Follow
 * discussion" toggle), before anything changes. Call `preventDefault()` to
 * veto it: the toggle stays as it was.
 */
export class PlazaWatchChangeEvent extends Event {
  constructor(
    readonly threadKey: string,
    /** True when the reader starts following the thread, false when they stop. */
    readonly watching: boolean,
  ) {
    super('plaza-watch-change', { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired when the server has stored that the reader follows the thread, or no longer does. */
export class PlazaWatchChangedEvent extends Event {
  constructor(
    readonly threadKey: string,
    /** Whether the reader follows the thread now. */
    readonly watching: boolean,
  ) {
    super('plaza-watch-changed', { bubbles: true, composed: true });
  }
}

/** Fired when the server refused a change of following; the toggle is back as it was, with the reason under it. */
export class PlazaWatchFailedEvent extends Event {
  constructor(
    readonly threadKey: string,
    /** What the reader asked for. */
    readonly watching: boolean,
    readonly error: PlazaError,
  ) {
    super('plaza-watch-failed', { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'plaza-comment-submit': PlazaCommentSubmitEvent;
    'plaza-comment-posted': PlazaCommentPostedEvent;
    'plaza-comment-failed': PlazaCommentFailedEvent;
    'plaza-comment-report': PlazaCommentReportEvent;
    'plaza-comment-reported': PlazaCommentReportedEvent;
    'plaza-comment-moderate': PlazaCommentModerateEvent;
    'plaza-comment-moderated': PlazaCommentModeratedEvent;
    'plaza-comment-edit': PlazaCommentEditEvent;
    'plaza-comment-edited': PlazaCommentEditedEvent;
    'plaza-comment-delete': PlazaCommentDeleteEvent;
    'plaza-comment-deleted': PlazaCommentDeletedEvent;
    'plaza-watch-change': PlazaWatchChangeEvent;
    'plaza-watch-changed': PlazaWatchChangedEvent;
    'plaza-watch-failed': PlazaWatchFailedEvent;
  }
}
