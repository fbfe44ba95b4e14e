export interface OutletLimits {
  /** Most bytes queued for a client that reads slower than events arrive; beyond it the stream is cut. */
  backlogBytes: number;
  /** A stream with bytes waiting whose socket takes none for this long is cut; 0: never. */
  idleMs: number;
}

/**
 * The sending end of one event stream, with what keeps a slow or stalled
 * client from holding memory. Bytes wait in the stream's own queue once the
 * socket stops taking them (@hono/node-server waits for `drain`), so the
 * queue's size is exactly what the client is behind by. Past `backlogBytes`,
 * or with nothing taken for `idleMs`, the stream is cut (an error, which drops
 * the queue and the socket; closing would wait for the queue to be sent).
 * The browser reconnects with `Last-Event-ID` and the log replays the rest,
 * paced by `room()`.
 */
export class StreamOutlet {
  readonly stream: ReadableStream<Uint8Array>;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private open = true;
  private enqueued = 0;
  /** Bytes the socket had taken at the last idle check, and when that changed. */
  private taken = 0;
  private takenAt = Date.now();
  private waiting: Array<() => void> = [];
  private readonly endListeners: Array<() => void> = [];

  constructor(
    private readonly limits: OutletLimits,
    /** Called once when the stream ends for any reason (the client left, cut, closed). */
    private readonly onEnd: (why: 'closed' | 'cancelled' | 'backlog' | 'idle') => void,
    /** Drops the connection (its socket); the stream is then cancelled. Without it, the stream errors. */
    private readonly disconnect?: () => void,
  ) {
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        // Called whenever the queue has room again after the socket took a chunk.
        pull: () => this.wakeWriters(),
        cancel: () => this.end('cancelled'),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: limits.backlogBytes }),
    );
  }

  /** Calls `listener` once when the stream ends. */
  onClosed(listener: () => void): void {
    if (this.open) this.endListeners.push(listener);
    else listener();
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Bytes queued and not yet taken by the socket. */
  get queued(): number {
    return this.open ? this.limits.backlogBytes - (this.controller.desiredSize ?? 0) : 0;
  }

  write(bytes: Uint8Array): void {
    if (!this.open) return;
    this.controller.enqueue(bytes);
    this.enqueued += bytes.byteLength;
    if ((this.controller.desiredSize ?? 0) < 0) this.cut('backlog');
  }

  /** Resolves once the queue is under half full (or the stream ended): how a replay waits for a slow reader. */
  async room(): Promise<void> {
    while (this.open && this.queued > this.limits.backlogBytes / 2) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** Called now and then (with the heartbeat): cuts a stream whose socket has taken nothing for `idleMs` while bytes wait. */
  checkIdle(now = Date.now()): void {
    if (!this.open || this.limits.idleMs <= 0) return;
    const queued = this.queued;
    const taken = this.enqueued - queued;
    if (queued === 0 || taken !== this.taken) {
      this.taken = taken;
      this.takenAt = now;
    } else if (now - this.takenAt >= this.limits.idleMs) {
      this.cut('idle');
    }
  }

  /** Ends the stream once what is queued has been sent (server shutdown, a failed replay). */
  close(): void {
    if (!this.open) return;
    this.controller.close();
    this.end('closed');
  }

  private cut(why: 'backlog' | 'idle'): void {
    if (!this.open) return;
    this.end(why);
    // Dropping the socket cancels the stream quietly; an errored stream would be logged by @hono/node-server as a failed response.
    if (this.disconnect) this.disconnect();
    else this.controller.error(new Error(`event stream cut: ${why}`));
  }

  private end(why: 'closed' | 'cancelled' | 'backlog' | 'idle'): void {
    if (!this.open) return;
    this.open = false;
    this.wakeWriters();
    this.onEnd(why);
    for (const listener of this.endListeners.splice(0)) listener();
  }

  private wakeWriters(): void {
    for (const wake of this.waiting.splice(0)) wake();
  }
}
