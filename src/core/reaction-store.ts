import type { PlazaClient } from './client.ts';
import { KeyedBatcher } from './batcher.ts';
import { KeyedCache } from './keyed-cache.ts';
import type { RealtimeHub } from './realtime.ts';
import { topics, type ReactionChangedEvent, type ReactionSummary } from './protocol.ts';

/**
 * The page's shared cache of reaction summaries for one endpoint (a KeyedCache
 * by target). Bars for the same target share one entry; summaries for targets
 * asked for together are loaded in one batched request; realtime events keep
 * them fresh; toggles are optimistic and roll back when the server refuses.
 */
export class ReactionStore {
  readonly #cache: KeyedCache<ReactionSummary>;
  /** Comments of a thread the page shows: their changes come on the thread's topic (CommentStore), not their own. */
  readonly #viaThread = new Set<string>();
  /**
   * The write in flight per target and kind. A second click waits for the
   * first, so a PUT and a DELETE can never overtake each other on the way to
   * the server; it also keeps realtime echoes from flickering the optimistic state.
   */
  readonly #writes = new Map<string, Map<string, Promise<ReactionSummary>>>();

  readonly #client: PlazaClient;
  /** Who is reading; asked only when a realtime event arrives, so a page that merely reads pays nothing. */
  readonly #currentUserId: () => Promise<string | null>;

  constructor(client: PlazaClient, realtime: RealtimeHub, currentUserId: () => Promise<string | null>) {
    this.#client = client;
    this.#currentUserId = currentUserId;
    const batcher = new KeyedBatcher<ReactionSummary>(async (targets) => {
      const { items } = await this.#client.reactions(targets);
      return new Map(items.map((summary) => [summary.target, summary]));
    });
    this.#cache = new KeyedCache(
      (target) => batcher.load(target),
      (target) =>
        this.#viaThread.has(target)
          ? undefined
          : realtime.subscribe(topics.reactions(target), (event) => {
              if (event.type === 'reaction.changed') void this.receive(event);
            }),
    );
    // After the realtime hub missed changes: the bars on the page load again (batched); the rest is forgotten.
    realtime.onReset(() => this.#cache.reloadWatched((target) => this.#writing(target)));
  }

  /** The last known summary, if any. */
  peek(target: string): ReactionSummary | undefined {
    return this.#cache.peek(target);
  }

  /** Loads (once, batched with other targets) and resolves with the summary. */
  load(target: string): Promise<ReactionSummary> {
    return this.#cache.load(target);
  }

  /**
   * Takes summaries that arrived inside another answer (a comment thread
   * embeds one per comment), so the bars for those targets show at once
   * without a request of their own. A target with a write in flight keeps its
   * optimistic state; the write's answer settles it.
   */
  prime(summaries: Iterable<ReactionSummary>, viaThread = false): void {
    for (const summary of summaries) {
      if (viaThread) this.#viaThread.add(summary.target);
      if (!this.#writing(summary.target)) this.#cache.set(summary.target, summary);
    }
  }

  /** Calls `listener` whenever the summary changes; also keeps the realtime topic open. */
  subscribe(target: string, listener: (summary: ReactionSummary) => void): () => void {
    return this.#cache.subscribe(target, listener);
  }

  /**
   * Adds or takes back the current user's reaction. The change shows at once;
   * if the server refuses, that kind flips back and the error is thrown for the
   * element to explain. Writes for one kind are queued, so a quick second click
   * can never send its DELETE ahead of the first click's PUT.
   */
  async toggle(target: string, kind: string): Promise<ReactionSummary> {
    const current = this.#cache.peek(target) ?? (await this.load(target));
    const active = !current.mine.includes(kind);
    this.#cache.set(target, withReaction(current, kind, active));
    const writes = this.#writes.get(target) ?? new Map<string, Promise<ReactionSummary>>();
    this.#writes.set(target, writes);
    const write = (writes.get(kind) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.#client.setReaction(target, kind, active));
    writes.set(kind, write);
    try {
      const after = await write;
      // A later click on the same kind already shows its own optimistic state; let its answer settle it.
      if (writes.get(kind) === write) this.#cache.set(target, after);
      return after;
    } catch (error) {
      this.#cache.set(target, withReaction(this.#cache.peek(target) ?? current, kind, !active));
      throw error;
    } finally {
      if (writes.get(kind) === write) writes.delete(kind);
      if (writes.size === 0 && this.#writes.get(target) === writes) this.#writes.delete(target);
    }
  }

  /** A reaction changed elsewhere (on the target's topic, or its thread's). */
  async receive(event: ReactionChangedEvent): Promise<void> {
    const summary = this.#cache.peek(event.target);
    if (!summary || this.#writes.get(event.target)?.has(event.kind)) return;
    let mine = summary.mine;
    // The current user reacting in another tab changes "mine" here too.
    if ((await this.#currentUserId()) === event.actor) {
      mine = event.active ? [...new Set([...mine, event.kind])] : mine.filter((k) => k !== event.kind);
    }
    this.#cache.set(event.target, { target: event.target, counts: event.counts, mine });
  }

  /** Whether a write for the target is in flight, whose answer (not a load or a primed copy) settles its summary. */
  #writing(target: string): boolean {
    return (this.#writes.get(target)?.size ?? 0) > 0;
  }
}

/** The summary as it will be once `kind` is (or is no longer) the user's. */
export function withReaction(summary: ReactionSummary, kind: string, active: boolean): ReactionSummary {
  const has = summary.mine.includes(kind);
  if (has === active) return summary;
  const count = Math.max(0, (summary.counts[kind] ?? 0) + (active ? 1 : -1));
  return {
    target: summary.target,
    counts: { ...summary.counts, [kind]: count },
    mine: active ? [...summary.mine, kind] : summary.mine.filter((k) => k !== kind),
  };
}
