import type { Database, Queryable } from '../db.ts';
import { RunLease } from '../db/run-lease.ts';
import { RunSchedule } from '../db/run-schedule.ts';
import { digestMail } from '../delivery/mail.ts';
import { digestDedupeKey, enqueue } from '../delivery/outbox.ts';
import type { Logger } from '../log.ts';
import { peopleWithDigestEntries, takeDigestEntries } from '../store/digests.ts';
import { notificationItems } from '../store/notifications.ts';
import { forDelivery } from './for-delivery.ts';
import { addresseeOf, mailNotificationFor, type MailSetup } from './mail-content.ts';

/** How often an instance looks whether today's digest is due (a single UPDATE that usually changes nothing). */
const CHECK_EVERY_MS = 5 * 60_000;
/** A run holds its lease this long, renewed after each person; a crashed instance's lease runs out. */
const LEASE = '10 minutes';

export interface DigestSchedule {
  /** From this hour (0–23) of the local day on, the day's digest is due. */
  hour: number;
  /** The IANA zone the hour and the day are read in (`PLAZA_TIMEZONE`). */
  timeZone: string;
}

/**
 * The daily digest by e-mail (issue 20, item 5; decisions 195–196): once a
 * local day, from `PLAZA_DIGEST_HOUR` on, each person with entries noted for
 * the digest (`dispatch`'s `digest` case) gets one mail with those still
 * unread and readable, newest first; nobody gets an empty one.
 *
 * Exactly once, with several instances and crashes: a run takes the lease in
 * `digest_runs` (migration 011) or does nothing, and does nothing for a day
 * it already finished. Each person's mail is queued in the outbox in the same
 * transaction that takes their entries, under a dedupe key of person and day:
 * a run killed halfway leaves the people done with nothing waiting, and the
 * next run (another instance once the lease ran out, or this one restarted)
 * queues the rest; a second queueing for the same day is refused by the key.
 */
export class DailyDigest {
  private readonly lease: RunLease;
  private readonly checks: RunSchedule;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly mail: MailSetup,
    private readonly schedule: DigestSchedule,
  ) {
    this.lease = new RunLease(db, 'digest_runs', LEASE);
    this.checks = new RunSchedule(logger, 'The daily digest failed; it is tried again at the next check');
  }

  /** Looks now (a server started after the hour sends the day's digest it missed), then every few minutes. */
  start(): void {
    this.checks.start(CHECK_EVERY_MS, () => this.run());
  }

  /**
   * The digest as of `now` (tests pass a fake clock): queues the day's mails
   * and resolves to how many, or null when it did not run (before the hour,
   * the day already done, or another instance holds the lease).
   */
  async run(now: Date = new Date()): Promise<number | null> {
    const { day, hour } = localClock(now, this.schedule.timeZone);
    if (hour < this.schedule.hour) return null;
    if (!this.mail.secret) return null;
    const mail = { ...this.mail, secret: this.mail.secret };
    if (!(await this.takeLease(day))) return null;
    let queued = 0;
    try {
      for (const personId of await peopleWithDigestEntries(this.db)) {
        if (await this.db.transaction((tx) => queueDigest(tx, personId, day, mail))) queued++;
        await this.lease.renew();
      }
    } catch (error) {
      await this.releaseLease(null);
      throw new Error(`The daily digest of ${day} stopped after ${queued} mail(s)`, { cause: error });
    }
    await this.releaseLease({ day, queued });
    this.logger.info(`Daily digest of ${day}: ${queued} mail(s) queued.`);
    return queued;
  }

  /** Resolves once the look in the background (if any) has ended. */
  settled(): Promise<void> {
    return this.checks.settled();
  }

  close(): Promise<void> {
    return this.checks.close();
  }

  /** Free, and the day not done yet. */
  private takeLease(day: string): Promise<boolean> {
    return this.lease.take(`last_day IS NULL OR last_day < $2`, [day]);
  }

  /** `done` null: the run failed; the lease goes and the day stays undone, so the next check tries again. */
  private releaseLease(done: { day: string; queued: number } | null): Promise<void> {
    return this.lease.release(
      `last_day = coalesce($2, last_day), last_finished = CASE WHEN $2::text IS NULL THEN last_finished ELSE now() END, last_count = coalesce($3, last_count)`,
      [done?.day ?? null, done?.queued ?? null],
    );
  }
}

/**
 * Queues `personId`'s digest of `day`, taking their entries in the same
 * transaction. Resolves to whether a mail was queued: not when nothing is
 * left to tell (entries read or gone since; they are dropped), not when they
 * have no address, and not when a digest of theirs was queued for this day
 * already (then the entries wait for tomorrow's).
 */
async function queueDigest(tx: Queryable, personId: string, day: string, mail: MailSetup & { secret: string }): Promise<boolean> {
  const { ids, forget } = await takeDigestEntries(tx, personId);
  const to = ids.length > 0 ? await addresseeOf(tx, personId) : null;
  if (!to) {
    await forget();
    return false;
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  const items = (await notificationItems(tx, ids)).sort((a, b) => order.get(a.notification.id)! - order.get(b.notification.id)!);
  const message = digestMail(items.map((item) => mailNotificationFor(forDelivery(personId, item.notification), to, mail)));
  const queued = await enqueue(tx, { channel: 'email', recipient: personId, dedupeKey: digestDedupeKey(personId, day), payload: message });
  if (queued) await forget();
  return queued;
}

/** The local day (`2026-12-07`) and hour (0–23) of `now` in `timeZone`. */
export function localClock(now: Date, timeZone: string): { day: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return { day: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
}
