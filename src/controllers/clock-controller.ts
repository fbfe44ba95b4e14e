import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders its host every `interval` so relative times stay true ("vor 5
 * Minuten" becomes "vor 6 Minuten"). All hosts share one timer per interval,
 * which runs only while some host is connected and the tab is visible.
 */
export class ClockController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly interval = 60_000,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    clockFor(this.interval).add(this.host);
  }

  hostDisconnected(): void {
    clockFor(this.interval).delete(this.host);
  }
}

class SharedClock {
  private hosts = new Set<ReactiveControllerHost>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly interval: number) {
    document.addEventListener('visibilitychange', () => {
      this.schedule();
      // Coming back after a while: show the right times at once.
      if (document.visibilityState === 'visible') this.tick();
    });
  }

  add(host: ReactiveControllerHost): void {
    this.hosts.add(host);
    this.schedule();
  }

  delete(host: ReactiveControllerHost): void {
    this.hosts.delete(host);
    this.schedule();
  }

  private tick(): void {
    for (const host of this.hosts) host.requestUpdate();
  }

  private schedule(): void {
    const run = this.hosts.size > 0 && document.visibilityState !== 'hidden';
    if (run && !this.timer) this.timer = setInterval(() => this.tick(), this.interval);
    if (!run && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

const clocks = new Map<number, SharedClock>();

function clockFor(interval: number): SharedClock {
  let clock = clocks.get(interval);
  if (!clock) clocks.set(interval, (clock = new SharedClock(interval)));
  return clock;
}
