import type { ModerationAction, ModerationSnapshot, RealtimeEvent } from '../../src/core/protocol.ts';

/**
 * What a write says happened, in its transaction. A `RealtimeEvent` is
 * logged (server/events/log.ts) and delivered to the streams that asked for
 * its topic once the transaction commits. A private event has no topic: it
 * reaches the projectors (server/projections/) and nothing else, neither the
 * log nor any stream, for facts a reader may only learn through what a
 * projector makes of them.
 */
export type WriteEvent = RealtimeEvent | PrivateEvent;

/**
 * Someone entered the directory: a newcomer's first sign-in, or a directory
 * import. Private: the directory's own record of it is nobody's business; the
 * activity feed announces it as its `joined` activity.
 */
export interface PersonJoined {
  type: 'person.joined';
  person: string;
}

/**
 * Someone reported a comment (not when they change the reason of their open
 * report). Private: who reported what is for moderators; the notifications
 * projector tells them.
 */
export interface ReportFiled {
  type: 'report.filed';
  /** The report's id. */
  id: string;
  commentId: string;
  reporterId: string;
}

/**
 * A moderator acted on someone else's content or on a thread. Private: the
 * public events of the same write name nobody ("von der Moderation"); who it
 * was reaches only the audit log (server/projections/moderation-audit.ts).
 */
export interface ModerationActed {
  type: 'moderation.acted';
  actor: string;
  action: ModerationAction;
  /** `comment:<id>`, `activity:<id>` or a thread's key. */
  target: string;
  threadKey: string | null;
  reason: string | null;
  snapshot: ModerationSnapshot;
}

export type PrivateEvent = PersonJoined | ReportFiled | ModerationActed;

/** How a write records an event: `EventBus.transaction` hands one to the work it runs. */
export type Publish = (event: WriteEvent) => Promise<void>;

/** Whether the event goes to the log and the streams (it has a topic), or only to the projectors. */
export function isLogged(event: WriteEvent): event is RealtimeEvent {
  return 'topic' in event;
}
