import { expect } from '@open-wc/testing';
import type { PlazaClient } from '../../src/core/client.ts';
import { PlazaError } from '../../src/core/problem.ts';
import type { ReactionChangedEvent, ReactionSummary, RealtimeEvent } from '../../src/core/protocol.ts';
import type { RealtimeHub } from '../../src/core/realtime.ts';
import { ReactionStore } from '../../src/core/reaction-store.ts';

/*
 * A single unit: the optimistic reaction queue of ReactionStore, against a
 * stand-in client whose answers the test releases one by one, and a
 * stand-in realtime hub the test sends events and resets through.
 */

const TARGET = 'page:/news/kantine';
const ME = 'u-jonas-becker';

interface Write {
  kind: string;
  active: boolean;
  answer: (summary: ReactionSummary) => void;
  refuse: (error: unknown) => void;
}

function setup(initial: ReactionSummary = { target: TARGET, counts: { like: 3 }, mine: [] }) {
  const writes: Write[] = [];
  const loads: string[][] = [];
  let server = initial;
  const client = {
    reactions: async (targets: string[]) => {
      loads.push(targets);
      return { items: targets.map((target) => ({ ...server, target })) };
    },
    setReaction: (_target: string, kind: string, active: boolean) =>
      new Promise<ReactionSummary>((answer, refuse) => writes.push({ kind, active, answer, refuse })),
  } as unknown as PlazaClient;
  const listeners = new Map<string, (event: RealtimeEvent) => void>();
  const resets: Array<() => void> = [];
  const realtime = {
    subscribe: (topic: string, listener: (event: RealtimeEvent) => void) => {
      listeners.set(topic, listener);
      return () => listeners.delete(topic);
    },
    onReset: (listener: () => void) => {
      resets.push(listener);
      return () => {};
    },
  } as unknown as RealtimeHub;
  const store = new ReactionStore(client, realtime, async () => ME);
  const seen: ReactionSummary[] = [];
  store.subscribe(TARGET, (summary) => seen.push(summary));
  return {
    store, writes, loads, seen, listeners,
    setServer: (summary: ReactionSummary) => (server = summary),
    reset: () => resets.forEach((listener) => listener()),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve));

function event(kind: string, active: boolean, like: number, actor = 'u-other'): ReactionChangedEvent {
  return { type: 'reaction.changed', topic: `reactions:${TARGET}`, target: TARGET, kind, active, actor, counts: { like } };
}

describe('ReactionStore: the optimistic queue', () => {
  it('shows an added reaction at once, then takes the server\'s answer over the optimistic state', async () => {
    const { store, writes, seen } = setup();
    await store.load(TARGET);
    const toggled = store.toggle(TARGET, 'like');
    await tick();
    expect(store.peek(TARGET)).to.deep.equal({ target: TARGET, counts: { like: 4 }, mine: ['like'] });
    expect(writes.map((w) => [w.kind, w.active])).to.deep.equal([['like', true]]);
    // Someone else reacted meanwhile: the answer is the truth.
    writes[0]!.answer({ target: TARGET, counts: { like: 7 }, mine: ['like'] });
    expect(await toggled).to.deep.equal({ target: TARGET, counts: { like: 7 }, mine: ['like'] });
    expect(seen.at(-1)!.counts.like).to.equal(7);
  });

  it('shows a removed reaction at once', async () => {
    const { store, writes } = setup({ target: TARGET, counts: { like: 3 }, mine: ['like'] });
    await store.load(TARGET);
    void store.toggle(TARGET, 'like');
    await tick();
    expect(store.peek(TARGET)).to.deep.equal({ target: TARGET, counts: { like: 2 }, mine: [] });
    expect(writes[0]!.active).to.equal(false);
  });

  it('rolls back when the server refuses, and throws the error for the element to explain', async () => {
    const { store, writes } = setup();
    await store.load(TARGET);
    const toggled = store.toggle(TARGET, 'like');
    await tick();
    const refused = new PlazaError({ type: 'about:blank', title: 'Forbidden', status: 403 });
    writes[0]!.refuse(refused);
    let thrown: unknown;
    await toggled.catch((error: unknown) => (thrown = error));
    expect(thrown).to.equal(refused);
    expect(store.peek(TARGET)).to.deep.equal({ target: TARGET, counts: { like: 3 }, mine: [] });
  });

  it('sends a quick second click only after the first one\'s answer, and the last click\'s answer settles the state', async () => {
    const { store, writes } = setup();
    await store.load(TARGET);
    const first = store.toggle(TARGET, 'like');
    await tick();
    const second = store.toggle(TARGET, 'like');
    await tick();
    expect(store.peek(TARGET)!.mine, 'the second click shows at once').to.deep.equal([]);
    expect(writes.map((w) => w.active), 'the DELETE waits for the PUT').to.deep.equal([true]);
    writes[0]!.answer({ target: TARGET, counts: { like: 4 }, mine: ['like'] });
    await first;
    expect(store.peek(TARGET)!.mine, 'the first answer does not undo the second click').to.deep.equal([]);
    await tick();
    expect(writes.map((w) => w.active)).to.deep.equal([true, false]);
    writes[1]!.answer({ target: TARGET, counts: { like: 3 }, mine: [] });
    await second;
    expect(store.peek(TARGET)).to.deep.equal({ target: TARGET, counts: { like: 3 }, mine: [] });
  });

  it('still sends the second click when the first is refused', async () => {
    const { store, writes } = setup();
    await store.load(TARGET);
    const first = store.toggle(TARGET, 'like').catch(() => 'refused');
    await tick();
    const second = store.toggle(TARGET, 'like');
    await tick();
    writes[0]!.refuse(new PlazaError({ type: 'about:blank', title: 'Bad Gateway', status: 502 }));
    expect(await first).to.equal('refused');
    await tick();
    expect(writes.map((w) => w.active)).to.deep.equal([true, false]);
    writes[1]!.answer({ target: TARGET, counts: { like: 3 }, mine: [] });
    expect((await second).mine).to.deep.equal([]);
  });

  it('keeps the optimistic state through live events and primed copies while its write is on the way, and takes them after', async () => {
    const { store, writes, listeners } = setup();
    await store.load(TARGET);
    const toggled = store.toggle(TARGET, 'like');
    await tick();
    const topic = [...listeners.keys()][0]!;
    listeners.get(topic)!(event('like', true, 6, ME));
    store.prime([{ target: TARGET, counts: { like: 3 }, mine: [] }]);
    await tick();
    expect(store.peek(TARGET)).to.deep.equal({ target: TARGET, counts: { like: 4 }, mine: ['like'] });
    writes[0]!.answer({ target: TARGET, counts: { like: 4 }, mine: ['like'] });
    await toggled;
    listeners.get(topic)!(event('like', true, 5));
    await tick();
    expect(store.peek(TARGET), 'a colleague\'s reaction counts, mine stays mine').to.deep.equal({ target: TARGET, counts: { like: 5 }, mine: ['like'] });
    listeners.get(topic)!(event('like', false, 4, ME));
    await tick();
    expect(store.peek(TARGET)!.mine, 'the reader took it back in another tab').to.deep.equal([]);
  });

  it('after missed live updates reloads the bars shown, but not one whose write is on the way', async () => {
    const { store, writes, loads, reset, setServer } = setup();
    await store.load(TARGET);
    setServer({ target: TARGET, counts: { like: 9 }, mine: [] });
    reset();
    await tick();
    expect(loads).to.have.length(2);
    expect(store.peek(TARGET)!.counts.like).to.equal(9);
    const toggled = store.toggle(TARGET, 'like');
    await tick();
    reset();
    await tick();
    expect(loads, 'held by the write').to.have.length(2);
    expect(store.peek(TARGET)).to.deep.equal({ target: TARGET, counts: { like: 10 }, mine: ['like'] });
    writes[0]!.answer({ target: TARGET, counts: { like: 10 }, mine: ['like'] });
    await toggled;
  });
});
