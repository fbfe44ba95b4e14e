import type { EventBus } from '../events/bus.ts';
import { fanOutSources } from '../events/log.ts';
import type { Publish } from '../events/types.ts';
import { WakeableLoop } from '../events/wakeable-loop.ts';
import type { Transaction } from '../db.ts';
import type { Logger } from '../log.ts';
import { moveFanOutCursor, takeFanOutCursor, type FanOutCursor } from '../store/fan-out-cursor.ts';
import { notifyFollowers, notifyWatchers } from '../store/notification-writes.ts';
import { alikeNotificationItems } from '../store/notifications.ts';
import { announce, type NotificationSetup } from './notifications.ts';

/** Recipients looked at per transaction: bounds how long one holds PGlite (one transaction at a time) from the writes. */
const RECIPIENTS_PER_STEP = 100;
/** New comments and posts read from the log per transaction. */
const SOURCES_PER_STEP = 50;
/** A safety net under the wake-ups: an instance that lost the cursor to another, or missed a wake-up, looks again this often. */
const POLL_MS = 5000;

/**
 * The notifications whose recipients grow with the audience (decision 200):
 * a thread's watchers (`comment`) and a poster's followers (`followed-post`),
 * told after the write committed instead of inside it, so a comment to a
 * thread with a thousand watchers is written as fast as one to a thread with
 * none. What a write tells a few people it names (mentions, replies,
 * reactions, follows, reports) stays in its transaction (projections/notifications.ts).
 *
 * It reads the event log after a cursor (migration 012) and makes the entries,
 * their mails and their `notification.created` events in the same transaction
 * that moves the cursor, with the cursor's row locked: with several
 * instances one works at a time, a crash rolls the step back for the next one
 * to redo, and so every new comment is fanned out exactly once. A step takes
 * at most RECIPIENTS_PER_STEP people; a bigger audience takes several steps,
 * the cursor keeping the last recipient. It is woken by every new comment or
 * post this instance delivers (its own commits at once, others' through the
 * event bus), and looks every POLL_MS besides.
 */
export class FanOut {
  private readonly loop = new WakeableLoop(() => this.drain(), POLL_MS);

  constructor(
    private readonly bus: EventBus,
    private readonly setup: NotificationSetup,
    private readonly logger: Logger,
  ) {}

  /** Starts: catches up with what the log holds now, then as woken. Call after the bus started. */
  start(): void {
    this.loop.wakeOnEvents(this.bus, (event) => event.type === 'comment.created' || (event.type === 'activity.created' && event.activity.kind === 'status'));
    this.loop.start();
  }

  /** Resolves once every step up to now has run. */
  idle(): Promise<void> {
    return this.loop.idle();
  }

  /** Stops taking steps and waits for the one under way. */
  close(): Promise<void> {
    return this.loop.close();
  }

  private async drain(): Promise<void> {
    try {
      while (!this.loop.closed && (await this.bus.deriving((tx, publish) => this.step(tx, publish)))) {
        // Another step: the last one used its budget.
      }
    } catch (error) {
      this.logger.error('Could not tell watchers and followers of new comments and posts', error);
    }
  }

  /** One transaction's worth; true when there may be more to do at once. */
  private async step(tx: Transaction, publish: Publish): Promise<boolean> {
    const cursor = await takeFanOutCursor(tx);
    if (!cursor) return false;
    // A source half done is read again (from just before it) to go on after its last recipient.
    const from = cursor.afterRecipient === null ? cursor.eventId : cursor.eventId - 1;
    const sources = await fanOutSources(tx, from, this.bus.watermark, SOURCES_PER_STEP);
    if (sources.length === 0) return false;
    const email = this.setup.emailConfigured;
    let budget = RECIPIENTS_PER_STEP;
    let moved: FanOutCursor = cursor;
    for (const source of sources) {
      if (budget <= 0) break;
      const after = source.id === cursor.eventId ? cursor.afterRecipient : null;
      const tell = source.kind === 'comment' ? notifyWatchers : notifyFollowers;
      const page = await tell(tx, source.sourceId, after, budget, email);
      // One source's entries are alike but for their recipient: read once (alikeNotificationItems).
      await announce(tx, publish, page.made, [], { mail: this.setup.mail, teams: this.setup.teams }, alikeNotificationItems);
      // Every source costs one at least, so a long run of comments nobody watches ends a step too.
      budget -= Math.max(1, page.looked);
      moved = { eventId: source.id, afterRecipient: page.last };
      if (page.last !== null) break;
    }
    await moveFanOutCursor(tx, moved);
    return budget <= 0 || sources.length === SOURCES_PER_STEP;
  }
}
