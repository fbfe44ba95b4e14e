import type { Database } from '../db.ts';
import type { EventBus } from '../events/bus.ts';
import { WakeableLoop } from '../events/wakeable-loop.ts';
import type { Logger } from '../log.ts';
import { claimDue, DELIVERIES_CHANNEL, markAttemptFailed, markSent, retryDelay, type ClaimedDelivery, type DeliveryChannel } from './outbox.ts';
import { PermanentDeliveryError, SEND_TIMEOUT_MS, type Sender } from './senders.ts';

export interface WorkerSettings {
  maxAttempts: number;
  leaseSeconds: number;
  retryBaseMs: number;
  pollMs: number;
  mailMaxPerHour: number;
}

/** Rows claimed (and sent side by side) at a time. */
const BATCH = 20;

/**
 * Sends what the outbox holds (outbox.ts), on every instance. Built and
 * started by start.ts with a sender per configured channel, closed at
 * shutdown. It looks at the queue when woken (the write's events on this
 * instance, a NOTIFY from any instance on PostgreSQL) and on a timer (rows
 * whose retry time came, leases that ran out, and anything a lost
 * notification did not announce).
 */
export class DeliveryWorker {
  private readonly channels: DeliveryChannel[];
  private readonly loop: WakeableLoop;

  constructor(
    private readonly db: Database,
    private readonly senders: Partial<Record<DeliveryChannel, Sender>>,
    private readonly settings: WorkerSettings,
    private readonly logger: Logger,
  ) {
    this.channels = (Object.keys(senders) as DeliveryChannel[]).filter((channel) => senders[channel]);
    this.loop = new WakeableLoop(() => this.drain(), settings.pollMs);
    if (settings.leaseSeconds * 1000 <= SEND_TIMEOUT_MS) {
      logger.warn(`The delivery lease (${settings.leaseSeconds} s) is not longer than a send may take (${SEND_TIMEOUT_MS / 1000} s): a slow send may be taken over and sent twice.`);
    }
  }

  /** Starts looking at the queue: now, when woken, and every `pollMs`. Does nothing without a channel to send on. */
  async start(bus: EventBus): Promise<void> {
    if (this.channels.length === 0) return;
    this.loop.wakeOnEvents(bus);
    if (this.db.engine === 'postgres' && this.db.listen) this.loop.stopWith(await this.db.listen(DELIVERIES_CHANNEL, () => this.loop.wake()));
    this.loop.start();
  }

  /** Stops taking rows and waits for the sends in progress (their rows are marked; none is left 'sending'). */
  async close(): Promise<void> {
    await this.loop.close();
    for (const sender of Object.values(this.senders)) sender?.close?.();
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const claimed = await claimDue(this.db, {
          channels: this.channels,
          limit: BATCH,
          leaseSeconds: this.settings.leaseSeconds,
          mailMaxPerHour: this.settings.mailMaxPerHour,
        });
        if (claimed.length === 0) return;
        await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
        if (this.loop.closed) return;
      }
    } catch (error) {
      this.logger.error('The delivery queue could not be read', error);
    }
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    try {
      await this.senders[delivery.channel]!.send(delivery);
    } catch (error) {
      const permanent = error instanceof PermanentDeliveryError;
      const retryIn = permanent ? null : retryDelay(delivery.attempts, this.settings.maxAttempts, this.settings.retryBaseMs);
      const message = (error as Error).message;
      if (retryIn === null) this.logger.warn(`Delivery ${delivery.id} (${delivery.channel}) failed for good after ${delivery.attempts} attempt(s): ${message}`);
      await markAttemptFailed(this.db, delivery.id, message, retryIn);
      return;
    }
    await markSent(this.db, delivery.id);
  }
}
