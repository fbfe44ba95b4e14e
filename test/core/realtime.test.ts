import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/browser/wait.ts';
import { PlazaClient } from '../../src/core/client.ts';
import type { RealtimeEvent } from '../../src/core/protocol.ts';
import { topics } from '../../src/core/protocol.ts';
import { RealtimeHub, type RealtimeSource } from '../../src/core/realtime.ts';
import { endpoint, signIn, signOut, uniqueTarget } from '../support/browser/session.ts';

/*
 * The hub against the real server. A blocked or buffered stream is played by
 * pointing the stream (only) somewhere else; polling then talks to the real
 * /events/poll, and the reactions written through the real API must arrive.
 */
describe('RealtimeHub', () => {
  const client = () => new PlazaClient(endpoint());
  before(() => signIn('anna.lehmann'));
  after(() => signOut());

  function hubWith(eventsUrl: RealtimeSource['eventsUrl'] | null, options = {}): RealtimeHub {
    const real = client();
    return new RealtimeHub(
      { eventsUrl: eventsUrl ?? ((list, last) => real.eventsUrl(list, last)), pollEvents: (list, after, signal, within) => real.pollEvents(list, after, signal, within) },
      { readyTimeoutMs: 1500, pollIntervalMs: 200, ...options },
    );
  }

  async function reactAndExpect(hub: RealtimeHub): Promise<RealtimeEvent> {
    const target = uniqueTarget('realtime');
    const received: RealtimeEvent[] = [];
    const unsubscribe = hub.subscribe(topics.reactions(target), (event) => received.push(event));
    try {
      await waitUntil(() => hub.connected, 'the hub did not connect');
      // Let the first poll (or the stream's replay start) happen before the write.
      await new Promise((resolve) => setTimeout(resolve, 400));
      await client().setReaction(target, 'like', true);
      await waitUntil(() => received.length > 0, 'the reaction never arrived', { timeout: 5000 });
      return received[0]!;
    } finally {
      unsubscribe();
    }
  }

  it('delivers over the stream when nothing is in the way', async () => {
    const hub = hubWith(null);
    const event = await reactAndExpect(hub);
    expect(event.type).to.equal('reaction.changed');
    expect(hub.transport).to.equal('stream');
  });

  it('polls when a proxy refuses the stream, and misses nothing', async () => {
    // The test page's own server answers 404 here: EventSource gives up, as it does on a proxy's 403 or HTML page.
    const hub = hubWith(() => `${location.origin}/__no-such-stream`);
    const event = await reactAndExpect(hub);
    expect(event).to.include({ type: 'reaction.changed', kind: 'like', active: true, actor: 'anna.lehmann' });
    expect(hub.transport).to.equal('poll');
  });

  it('polls when a proxy holds the stream back', async () => {
    const hub = hubWith(() => `${location.origin}/__stalled-events`, { readyTimeoutMs: 500 });
    await reactAndExpect(hub);
    expect(hub.transport).to.equal('poll');
  });

  it('replays what changed between an element\'s read and the stream opening', async () => {
    const api = client();
    const hub = new RealtimeHub(api);
    api.onEventPosition = (id) => hub.notePosition(id);
    const target = uniqueTarget('gap');
    await api.reactions([target]);
    // Someone reacts after the read, before anything subscribed: without the read's position this is lost.
    await client().setReaction(target, 'celebrate', true);
    const received: RealtimeEvent[] = [];
    const unsubscribe = hub.subscribe(topics.reactions(target), (event) => received.push(event));
    await waitUntil(() => received.length > 0, 'the change made before the stream opened never arrived', { timeout: 5000 });
    unsubscribe();
    expect(received[0]).to.include({ type: 'reaction.changed', kind: 'celebrate' });
  });

  it('waits for the page\'s reads before its first stream, so topics that arrive with them share it', async () => {
    const real = client();
    const opened: string[][] = [];
    const source = {
      readsInFlight: 1,
      eventsUrl: (list: string[], last?: string) => (opened.push(list), real.eventsUrl(list, last)),
      pollEvents: real.pollEvents.bind(real),
    };
    const hub = new RealtimeHub(source);
    const thread = uniqueTarget('thread');
    const first = hub.subscribe(topics.reactions(thread), () => {});
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(opened, 'no stream while the thread is still loading').to.deep.equal([]);
    // The thread arrives: its comments subscribe, and nothing is loading any more.
    const comment = uniqueTarget('comment');
    const second = hub.subscribe(topics.reactions(comment), () => {});
    source.readsInFlight = 0;
    await waitUntil(() => hub.connected, 'the hub never connected');
    await new Promise((resolve) => setTimeout(resolve, 300));
    first();
    second();
    expect(opened).to.deep.equal([[topics.reactions(comment), topics.reactions(thread)].sort()]);
  });

  it('stops polling when the last subscriber leaves', async () => {
    const hub = hubWith(() => `${location.origin}/__no-such-stream`);
    await reactAndExpect(hub);
    await waitUntil(() => !hub.connected, 'still polling without subscribers');
  });
});

describe('GET /events/poll', () => {
  it('starts from where the log is and then returns what happened', async () => {
    await signIn('jonas.richter');
    const target = uniqueTarget('poll');
    const api = client();
    const start = await api.pollEvents([topics.reactions(target)], undefined);
    expect(start.events).to.deep.equal([]);
    await api.setReaction(target, 'insight', true);
    const after = await api.pollEvents([topics.reactions(target)], start.lastEventId);
    expect(after.events.map((e) => e.event.type)).to.deep.equal(['reaction.changed']);
    expect(Number(after.lastEventId)).to.be.greaterThan(Number(start.lastEventId));
    const again = await api.pollEvents([topics.reactions(target)], after.lastEventId);
    expect(again.events).to.deep.equal([]);
    await signOut();
  });

  function client(): PlazaClient {
    return new PlazaClient(endpoint());
  }
});
