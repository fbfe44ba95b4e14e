import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A shared, keyed cache that can load a value and tell about later changes (e.g. ReactionStore). */
export interface KeyedSource<V> {
  peek(key: string): V | undefined;
  load(key: string): Promise<V>;
  subscribe(key: string, listener: (value: V) => void): () => void;
}

export type SourceStatus = 'initial' | 'pending' | 'complete' | 'error';

/**
 * Binds an element to one entry of a shared source: loads it when the element
 * connects or the key changes, re-renders on every change (realtime included),
 * unsubscribes on disconnect, and exposes `status`, `value` and `error` so the
 * element renders loading, error and content states without any bookkeeping.
 */
export class SourceController<V> implements ReactiveController {
  status: SourceStatus = 'initial';
  value: V | undefined;
  error: unknown;

  private key: string | undefined;
  private source: KeyedSource<V> | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Guards against a slow answer for an old key arriving after a newer one. */
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly args: () => { source: KeyedSource<V>; key: string | undefined },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.detach();
    this.key = undefined;
    this.source = undefined;
  }

  /** Loads again after an error. */
  retry(): void {
    this.key = undefined;
    this.sync();
  }

  private sync(): void {
    const { source, key } = this.args();
    if (key === this.key && source === this.source) return;
    this.detach();
    this.key = key;
    this.source = source;
    this.error = undefined;
    this.value = key === undefined ? undefined : source.peek(key);
    if (key === undefined) {
      this.status = 'initial';
      return;
    }
    const generation = ++this.generation;
    this.unsubscribe = source.subscribe(key, (value) => {
      this.value = value;
      this.status = 'complete';
      this.host.requestUpdate();
    });
    if (this.value !== undefined) {
      this.status = 'complete';
      return;
    }
    this.status = 'pending';
    source.load(key).then(
      (value) => {
        if (generation !== this.generation) return;
        this.value = value;
        this.status = 'complete';
        this.host.requestUpdate();
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.error = error;
        this.status = 'error';
        this.host.requestUpdate();
      },
    );
  }

  private detach(): void {
    this.generation++;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
