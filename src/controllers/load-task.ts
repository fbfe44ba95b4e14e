import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { asPlazaError, isAbort, type PlazaError } from '../core/problem.ts';

export type LoadStatus = 'initial' | 'pending' | 'complete' | 'error';

/** One renderer per state, as Lit's `Task.render` takes them; a state without one renders nothing. */
export interface LoadRenderers<V, R> {
  initial?: () => R;
  pending?: () => R;
  complete?: (value: V) => R;
  error?: (error: PlazaError) => R;
}

export interface LoadTaskOptions<A extends readonly unknown[], V> {
  /**
   * What to load, read before every update of the host; `undefined` when there
   * is nothing to load (status `initial`). A new load starts when any element
   * differs (`===`) from the last one's.
   */
  args: () => A | undefined;
  /** Loads. `signal` aborts as soon as this load no longer counts (new arguments, `run()`, disconnect). */
  task: (args: A, signal: AbortSignal) => Promise<V>;
  /**
   * Runs before each load, e.g. a realtime subscription, so nothing written
   * while the load is on its way is missed; what it returns undoes it when the
   * load is superseded or the host disconnects.
   */
  attach?: (args: A, signal: AbortSignal) => (() => void) | undefined;
  /** A value already known for these arguments: complete at once, no load and no pending flash. */
  peek?: (args: A) => V | undefined;
  /** After a load completed, before the host renders (e.g. to apply live events that came first). */
  onComplete?: (value: V) => void;
}

/**
 * The one loading lifecycle of Plaza's data controllers, shaped like Lit's
 * `Task` (not a dependency: @lit/task would add a package for forty lines):
 * loads when the host connects or the arguments change, aborts the previous
 * load, lets only the latest call's answer in (a slow answer for an old thread
 * never overwrites a newer one), and exposes `status`, `value` and `error` (a
 * PlazaError, whatever was thrown) with `render()` to pick a template per state.
 *
 * Controllers own one by composition; `value` is theirs to change afterwards
 * (optimistic writes, live updates), followed by `host.requestUpdate()`.
 */
export class LoadTask<A extends readonly unknown[], V> implements ReactiveController {
  status: LoadStatus = 'initial';
  value: V | undefined;
  error: PlazaError | undefined;

  #last: A | undefined;
  /** Set when the next update must load again even with the same arguments (reconnect, `run()`). */
  #stale = true;
  #abort = new AbortController();
  #undo: (() => void) | undefined;
  /** Counts loads; an answer counts only if no later load (or stop) came since its own. */
  #call = 0;
  #keepShown = false;
  #inFlight = false;

  readonly #host: ReactiveControllerHost;
  readonly #options: LoadTaskOptions<A, V>;

  constructor(host: ReactiveControllerHost, options: LoadTaskOptions<A, V>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Aborts when the current load is superseded: writes and further pages started under it check it before they change the value. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  hostConnected(): void {
    this.#sync();
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#stop();
    this.#stale = true;
  }

  /** Loads again with the current arguments: a retry after an error, or a reload after missed live updates. */
  run(): void {
    this.#stale = true;
    this.#sync();
    this.#host.requestUpdate();
  }

  /**
   * Loads again but keeps showing what is loaded (status stays `complete`) until the new value is
   * there: a reader's open form, focus and a click on its way survive the reload (decision 97).
   */
  refresh(): void {
    this.#keepShown = true;
    this.run();
  }

  /** A load is on its way (also while `refresh()` keeps the last value shown). */
  get loading(): boolean {
    return this.#inFlight;
  }

  /** Takes a value pushed from elsewhere (a cache's listener) as the loaded one. */
  complete(value: V): void {
    this.value = value;
    this.status = 'complete';
    this.#host.requestUpdate();
  }

  /** The template for the current state, like `Task.render`. */
  render<R>(renderers: LoadRenderers<V, R>): R | undefined {
    switch (this.status) {
      case 'initial':
        return renderers.initial?.();
      case 'pending':
        return renderers.pending?.();
      case 'complete':
        return renderers.complete?.(this.value as V);
      case 'error':
        return renderers.error?.(this.error!);
    }
  }

  #sync(): void {
    const args = this.#options.args();
    if (!this.#stale && sameArgs(args, this.#last)) return;
    const shown = this.#keepShown && this.status === 'complete' ? this.value : undefined;
    this.#keepShown = false;
    this.#stale = false;
    this.#last = args;
    this.#stop();
    this.error = undefined;
    if (args === undefined) {
      this.value = undefined;
      this.status = 'initial';
      return;
    }
    const call = this.#call;
    const signal = (this.#abort = new AbortController()).signal;
    this.#undo = this.#options.attach?.(args, signal);
    this.value = this.#options.peek?.(args);
    if (this.value !== undefined) {
      this.status = 'complete';
      return;
    }
    if (shown !== undefined) this.value = shown;
    this.status = shown !== undefined ? 'complete' : 'pending';
    this.#inFlight = true;
    this.#options.task(args, signal).then(
      (value) => {
        if (call !== this.#call) return;
        this.#inFlight = false;
        this.value = value;
        this.status = 'complete';
        this.#options.onComplete?.(value);
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        if (call !== this.#call || isAbort(error)) return;
        this.#inFlight = false;
        this.error = asPlazaError(error);
        this.status = 'error';
        this.#host.requestUpdate();
      },
    );
  }

  #stop(): void {
    this.#call++;
    this.#inFlight = false;
    this.#abort.abort();
    this.#undo?.();
    this.#undo = undefined;
  }
}

/** How a further page (or more replies) is doing, beside a loaded value. */
export type Paging = { status: 'idle' | 'pending' | 'error'; error?: PlazaError };

/**
 * Loads a further page under a LoadTask: reports pending, then idle or the
 * error, unless the task moved on meanwhile (`signal` aborted), when the
 * answer no longer belongs to what is shown.
 */
export async function trackPaging(
  host: ReactiveControllerHost,
  signal: AbortSignal,
  report: (paging: Paging) => void,
  work: () => Promise<void>,
): Promise<void> {
  report({ status: 'pending' });
  host.requestUpdate();
  try {
    await work();
    if (!signal.aborted) report({ status: 'idle' });
  } catch (error) {
    if (!signal.aborted && !isAbort(error)) report({ status: 'error', error: asPlazaError(error) });
  }
  host.requestUpdate();
}

function sameArgs(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
