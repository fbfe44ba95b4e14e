import type { RealtimeEvent } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import { isLogged, type Publish, type WriteEvent } from '../events/types.ts';

/**
 * A consumer of what writes record: the activity feed today; notifications,
 * an audit log or insight counters later. It runs inside the write's own
 * transaction, after the write, with every event the write published, so
 * what it writes commits or rolls back with the write and a reader never
 * sees one without the other. A write knows nothing of its projectors.
 *
 * `publish` announces what the projector made (the feed's `activity.created`);
 * those events are logged with the write's in one statement, and other
 * projectors do not see them. It is null where nothing is announced (a
 * directory import runs without the event bus).
 */
export interface Projector {
  /** Names it in errors and logs. */
  readonly name: string;
  project(tx: Queryable, events: readonly WriteEvent[], publish: Publish | null): Promise<void>;
}

/**
 * Runs `projectors` over a write's events in its transaction and returns
 * the events they publish that go to the log (a private one stays in the
 * transaction). `announce` false: they publish nothing (see `withoutBus`).
 */
export async function project(tx: Queryable, projectors: readonly Projector[], events: readonly WriteEvent[], announce = true): Promise<RealtimeEvent[]> {
  if (events.length === 0) return [];
  const derived: WriteEvent[] = [];
  const publish: Publish | null = announce
    ? async (event) => {
        derived.push(event);
      }
    : null;
  for (const projector of projectors) await projector.project(tx, events, publish);
  return derived.filter(isLogged);
}
