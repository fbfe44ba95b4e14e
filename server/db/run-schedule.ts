import type { Logger } from '../log.ts';

/**
 * When a leased job (run-lease.ts: the retention purge, the daily digest)
 * runs on this instance: once at start, then at every check, one run at a
 * time, in the background. Whether a run does anything is the job's own
 * business (its lease, whether it is due); a run that fails is logged, and
 * the next check tries again.
 */
export class RunSchedule {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  /** `failure`: what the log says when a run fails. */
  constructor(
    private readonly logger: Logger,
    private readonly failure: string,
  ) {}

  /** Runs `first` now, then `check` every `everyMs`. */
  start(everyMs: number, check: () => Promise<unknown>, first = check): void {
    this.background(first);
    this.timer = setInterval(() => this.background(check), everyMs);
    this.timer.unref();
  }

  /** Resolves once the run in the background (if any) has ended. */
  settled(): Promise<void> {
    return this.running.then(() => undefined);
  }

  /** No more checks; resolves once the run under way has ended. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.settled();
  }

  private background(run: () => Promise<unknown>): void {
    this.running = this.running.then(run).catch((error: unknown) => this.logger.error(this.failure, error));
  }
}
