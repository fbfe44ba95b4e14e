import type { RealtimeEvent } from '../../src/core/protocol.ts';
import type { EventBus } from './bus.ts';

/**
 * A background job that runs when woken and one run at a time: the fan-out
 * worker (server/projections/fan-out.ts) and the delivery worker
 * (server/delivery/worker.ts). Its owner wires the wake-ups (a bus
 * subscription, a LISTEN) and hands over how to undo them; the loop adds a
 * poll timer as a safety net under them (a lost notification, a row whose
 * time came), so a wake-up missed delays work by at most `pollMs`.
 *
 * A wake-up during a run is not lost: the run ends, then one more starts
 * (however many came meanwhile), so what arrived after the run read its work
 * is read too. `close` stops the wake-ups and waits for the run under way;
 * a run checks `closed` to stop between its steps.
 */
export class WakeableLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly stops: Array<() => unknown> = [];

  /** `run` must not reject: it logs what went wrong itself, since nobody awaits a woken run. */
  constructor(
    private readonly run: () => Promise<void>,
    private readonly pollMs: number,
  ) {}

  /** Whether `close` was called: a run under way stops at its next step. */
  get closed(): boolean {
    return this.stopped;
  }

  /** Wakes at each event `bus` delivers on this instance that `which` picks (every one by default), until close. */
  wakeOnEvents(bus: EventBus, which: (event: RealtimeEvent) => boolean = () => true): void {
    const wants = (event: RealtimeEvent) => {
      if (which(event)) this.wake();
      return false;
    };
    this.stopWith(bus.subscribe({ topics: new Set(), wants, send() {}, heartbeat() {}, close() {} }));
  }

  /** Undoes a wake-up source at close (a bus subscription's or a LISTEN's stop). */
  stopWith(stop: () => unknown): void {
    this.stops.push(stop);
  }

  /** Runs now, then as woken and every `pollMs`. */
  start(): void {
    if (this.stopped) return;
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Runs soon; calls while a run is under way make it run once more after. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Resolves once every run up to now has ended, including those woken meanwhile. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops the wake-ups and the timer, and waits for the run under way. */
  async close(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    for (const stop of this.stops) await stop();
    await this.running;
  }
}
