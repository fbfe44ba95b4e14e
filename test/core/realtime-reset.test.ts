import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/browser/wait.ts';
import { PlazaClient } from '../../src/core/client.ts';
import { topics, type RealtimeEvent } from '../../src/core/protocol.ts';
import { ReactionStore } from '../../src/core/reaction-store.ts';
import { RealtimeHub } from '../../src/core/realtime.ts';
import { endpoint, signIn, signOut, uniqueTarget } from '../support/browser/session.ts';

/*
 * A page further behind than the server replays (PLAZA_REPLAY_MAX_EVENTS, 50
 * on the test server) is told `reset` instead of being sent the log: the hub
 * goes on from the position given and the stores reload what they show.
 */
describe('RealtimeHub told to reset', () => {
  const client = () => new PlazaClient(endpoint());
  before(() => signIn('anna.lehmann'));
  after(() => signOut());

  /** A target with 60 events since the returned position: more than the server replays. */
  async function farBehind(): Promise<{ target: string; from: string }> {
    const api = client();
    const target = uniqueTarget('reset');
    const { lastEventId } = await api.pollEvents([topics.reactions(target)], undefined);
    for (let i = 0; i < 60; i++) await api.setReaction(target, 'like', i % 2 === 0);
    return { target, from: lastEventId };
  }

  async function expectResetThenLive(hub: RealtimeHub, target: string): Promise<void> {
    let resets = 0;
    hub.onReset(() => resets++);
    const received: RealtimeEvent[] = [];
    const unsubscribe = hub.subscribe(topics.reactions(target), (event) => received.push(event));
    try {
      await waitUntil(() => resets === 1, 'the hub was never told to reset', { timeout: 5000 });
      expect(received, 'nothing of the old log is replayed').to.deep.equal([]);
      await client().setReaction(target, 'love', true);
      await waitUntil(() => received.length === 1, 'the live event after the reset never arrived', { timeout: 5000 });
      expect(received[0]).to.include({ type: 'reaction.changed', kind: 'love', active: true });
      expect(resets).to.equal(1);
    } finally {
      unsubscribe();
    }
  }

  it('over the stream: reset, then live events', async () => {
    const { target, from } = await farBehind();
    const hub = new RealtimeHub(client());
    hub.notePosition(from);
    await expectResetThenLive(hub, target);
    expect(hub.transport).to.equal('stream');
  });

  it('while polling: reset, then live events', async () => {
    const { target, from } = await farBehind();
    const real = client();
    const hub = new RealtimeHub(
      { eventsUrl: () => `${location.origin}/__no-such-stream`, pollEvents: (list, after, signal, within) => real.pollEvents(list, after, signal, within) },
      { pollIntervalMs: 200 },
    );
    hub.notePosition(from);
    await expectResetThenLive(hub, target);
    expect(hub.transport).to.equal('poll');
  });

  it('the reaction store loads the bars on the page again', async () => {
    const { target, from } = await farBehind();
    const api = client();
    let loads = 0;
    const reactions = api.reactions.bind(api);
    api.reactions = (targets) => (loads++, reactions(targets));
    const hub = new RealtimeHub(api);
    hub.notePosition(from);
    const store = new ReactionStore(api, hub, async () => 'anna.lehmann');
    const unsubscribe = store.subscribe(target, () => {});
    try {
      await store.load(target);
      await waitUntil(() => loads === 2, 'the summary was not loaded again after the reset', { timeout: 5000 });
    } finally {
      unsubscribe();
    }
  });
});
