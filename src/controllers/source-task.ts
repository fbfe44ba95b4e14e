import type { ReactiveControllerHost } from 'lit';
import { LoadTask } from './load-task.ts';

/** A shared, keyed cache that can load a value and tell about later changes (KeyedCache and the stores built on it). */
export interface KeyedSource<V> {
  peek(key: string): V | undefined;
  load(key: string): Promise<V>;
  subscribe(key: string, listener: (value: V) => void): () => void;
}

/**
 * Binds an element to one entry of a shared source: loads it when the element
 * connects or the key changes (complete at once when the source knows it
 * already), re-renders on every change (realtime included), unsubscribes on
 * disconnect. No key: nothing to show, status `initial`.
 */
export function sourceTask<V>(
  host: ReactiveControllerHost,
  args: () => { source: KeyedSource<V>; key: string | undefined },
): LoadTask<readonly [KeyedSource<V>, string], V> {
  const task: LoadTask<readonly [KeyedSource<V>, string], V> = new LoadTask(host, {
    args: () => {
      const { source, key } = args();
      return key === undefined ? undefined : ([source, key] as const);
    },
    attach: ([source, key]) => source.subscribe(key, (value) => task.complete(value)),
    peek: ([source, key]) => source.peek(key),
    task: ([source, key]) => source.load(key),
  });
  return task;
}
