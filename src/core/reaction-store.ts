import type { PlazaClient } from './client.ts';
import { KeyedBatcher } from './batcher.ts';
import type { RealtimeHub } from './realtime.ts';
import { topics, type ReactionChangedEvent, type ReactionSummary } from './protocol.ts';

type Listener = (summary: ReactionSummary) => void;

interface Entry {
  summary?: ReactionSummary;
  loading?: Promise<ReactionSummary>;
  listeners: Set<Listener>;
  unsubscribeRealtime?: () => void;
  /** A comment of a thread the page shows: its changes come on the thread's topic (CommentStore), not its own. */
  viaThread?: boolean;
  /**
   * The write in flight per kind. A second click waits for the first, so a PUT
   * and a DELETE can never overtake each other on the way to the server; it also
   * keeps realtime echoes from flickering the optimistic state.
   */
  writes: Map<string, Promise<ReactionSummary>>;
}

/**
 * The page's shared cache of reaction summaries for one endpoint. Bars for the
 * same target share one entry; summaries for targets asked for together are
 * loaded in one batched request; realtime events keep them fresh; toggles are
 * optimistic and roll back when the server refuses.
 */
export class ReactionStore {
  private entries = new Map<string, Entry>();
  private batcher: KeyedBatcher<ReactionSummary>;
  constructor(
    private readonly client: PlazaClient,
    private readonly realtime: RealtimeHub,
    /** Who is reading; asked only when a realtime event arrives, so a page that merely reads pays nothing. */
    private readonly currentUserId: () => Promise<string | null>,
  ) {
    this.batcher = new KeyedBatcher(async (targets) => {
      const { items } = await this.client.reactions(targets);
      return new Map(items.map((summary) => [summary.target, summary]));
    });
    realtime.onReset(() => this.reloadWatched());
  }

  /** The last known summary, if any. */
  peek(target: string): ReactionSummary | undefined {
    return this.entries.get(target)?.summary;
  }

  /** Loads (once, batched with other targets) and resolves with the summary. */
  load(target: string): Promise<ReactionSummary> {
    const entry = this.entry(target);
    if (entry.summary) return Promise.resolve(entry.summary);
    entry.loading ??= this.batcher.load(target).then(
      (summary) => {
        entry.loading = undefined;
        this.set(target, summary);
        return summary;
      },
      (error: unknown) => {
        entry.loading = undefined;
        throw error;
      },
    );
    return entry.loading;
  }

  /**
   * Takes summaries that arrived inside another answer (a comment thread
   * embeds one per comment), so the bars for those targets show at once
   * without a request of their own. A target with a write in flight keeps its
   * optimistic state; the write's answer settles it.
   */
  prime(summaries: Iterable<ReactionSummary>, viaThread = false): void {
    for (const summary of summaries) {
      if (viaThread) this.entry(summary.target).viaThread = true;
      if (this.entries.get(summary.target)?.writes.size) continue;
      this.set(summary.target, summary);
    }
  }

  /** Calls `listener` whenever the summary changes; also keeps the realtime topic open. */
  subscribe(target: string, listener: Listener): () => void {
    const entry = this.entry(target);
    entry.listeners.add(listener);
    if (!entry.viaThread) {
      entry.unsubscribeRealtime ??= this.realtime.subscribe(topics.reactions(target), (event) => {
        if (event.type === 'reaction.changed') void this.receive(event);
      });
    }
    return () => {
      entry.listeners.delete(listener);
      if (entry.listeners.size === 0) {
        entry.unsubscribeRealtime?.();
        entry.unsubscribeRealtime = undefined;
      }
    };
  }

  /**
   * Adds or takes back the current user's reaction. The change shows at once;
   * if the server refuses, that kind flips back and the error is thrown for the
   * element to explain. Writes for one kind are queued, so a quick second click
   * can never send its DELETE ahead of the first click's PUT.
   */
  async toggle(target: string, kind: string): Promise<ReactionSummary> {
    const entry = this.entry(target);
    const current = entry.summary ?? (await this.load(target));
    const active = !current.mine.includes(kind);
    this.set(target, withReaction(current, kind, active));
    const write = (entry.writes.get(kind) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.client.setReaction(target, kind, active));
    entry.writes.set(kind, write);
    try {
      const after = await write;
      // A later click on the same kind already shows its own optimistic state; let its answer settle it.
      if (entry.writes.get(kind) === write) this.set(target, after);
      return after;
    } catch (error) {
      this.set(target, withReaction(entry.summary ?? current, kind, !active));
      throw error;
    } finally {
      if (entry.writes.get(kind) === write) entry.writes.delete(kind);
    }
  }

  /** After the realtime hub missed changes (a `reset`): the bars on the page load again (batched); the rest is forgotten. */
  private reloadWatched(): void {
    for (const [target, entry] of this.entries) {
      if (entry.writes.size > 0) continue;
      if (entry.listeners.size === 0) {
        if (!entry.loading) entry.summary = undefined;
        continue;
      }
      this.batcher.load(target).then(
        (summary) => {
          if (entry.writes.size === 0) this.set(target, summary);
        },
        (error: unknown) => console.warn(`[plaza] could not reload the reactions of ${target} after missed live updates`, error),
      );
    }
  }

  /** A reaction changed elsewhere (on the target's topic, or its thread's). */
  async receive(event: ReactionChangedEvent): Promise<void> {
    const entry = this.entries.get(event.target);
    if (!entry?.summary || entry.writes.has(event.kind)) return;
    let mine = entry.summary.mine;
    // The current user reacting in another tab changes "mine" here too.
    if ((await this.currentUserId()) === event.actor) {
      mine = event.active ? [...new Set([...mine, event.kind])] : mine.filter((k) => k !== event.kind);
    }
    this.set(event.target, { target: event.target, counts: event.counts, mine });
  }

  private set(target: string, summary: ReactionSummary): void {
    const entry = this.entry(target);
    entry.summary = summary;
    for (const listener of entry.listeners) listener(summary);
  }

  private entry(target: string): Entry {
    let entry = this.entries.get(target);
    if (!entry) this.entries.set(target, (entry = { listeners: new Set(), writes: new Map() }));
    return entry;
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
