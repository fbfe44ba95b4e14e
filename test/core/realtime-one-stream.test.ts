import { expect } from '@open-wc/testing';
import { waitUntil } from '../support/browser/wait.ts';
import { PlazaClient } from '../../src/core/client.ts';
import { topics, type RealtimeEvent } from '../../src/core/protocol.ts';
import { RealtimeHub } from '../../src/core/realtime.ts';
import { endpoint, signIn, signOut, uniqueTarget } from '../support/browser/session.ts';

/*
 * Issue 16, item 5: a page keeps one event stream for its life, whatever the number of its
 * topics and whenever they come. Counted where the hub asks for stream URLs, against the real server.
 */
describe('RealtimeHub: one stream per page', () => {
  before(() => signIn('anna.lehmann'));
  after(() => signOut());

  function countingHub(): { hub: RealtimeHub; opened: string[][] } {
    const real = new PlazaClient(endpoint());
    const opened: string[][] = [];
    const hub = new RealtimeHub({
      eventsUrl: (list, last) => (opened.push(list), real.eventsUrl(list, last)),
      pollEvents: real.pollEvents.bind(real),
      changeTopics: real.changeTopics.bind(real),
    });
    return { hub, opened };
  }

  it('a page with 1,000 topics opens one stream, and an event on the last topic arrives', async function () {
    // Longer than the waits below, so that a hub that never delivers fails on them, saying what it did, not on mocha's 10 s.
    this.timeout(30_000);
    const { hub, opened } = countingHub();
    const targets = Array.from({ length: 1000 }, (_, i) => uniqueTarget(`many-${i}`));
    const received: RealtimeEvent[] = [];
    const offs = targets.map((target) => hub.subscribe(topics.reactions(target), (event) => received.push(event)));
    try {
      await waitUntil(() => hub.connected, 'the hub never connected');
      // The topics beyond the URL's hundred are added to the open stream: give them time to get there.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      // Counted before the event is awaited: the hub before issue 16 opened ten streams here, and the browser's
      // six connections per host left the last ones (and the 1,000th topic's event) waiting forever.
      expect(opened.length, 'streams opened').to.equal(1);
      expect(opened[0]!.length).to.equal(100);
      await new PlazaClient(endpoint()).setReaction(targets[999]!, 'like', true);
      await waitUntil(() => received.length > 0, 'the reaction on the 1,000th topic never arrived', { timeout: 10_000 });
    } finally {
      for (const off of offs) off();
    }
  });

  it('topics that come later join the open stream instead of reopening it, and replay what their read missed', async () => {
    const { hub, opened } = countingHub();
    const first = uniqueTarget('first');
    const offFirst = hub.subscribe(topics.reactions(first), () => {});
    await waitUntil(() => hub.connected, 'the hub never connected');
    await new Promise((resolve) => setTimeout(resolve, 600));
    // A late element reads, someone reacts, then it subscribes: the change must still arrive.
    const late = uniqueTarget('late');
    const api = new PlazaClient(endpoint());
    api.onEventPosition = (id) => hub.notePosition(id);
    await api.reactions([late]);
    await new PlazaClient(endpoint()).setReaction(late, 'celebrate', true);
    const received: RealtimeEvent[] = [];
    const offLate = hub.subscribe(topics.reactions(late), (event) => received.push(event));
    try {
      await waitUntil(() => received.length > 0, 'the change between the late read and its subscription never arrived', { timeout: 10_000 });
      expect(received[0]).to.include({ type: 'reaction.changed', kind: 'celebrate' });
      expect(opened.length, 'streams opened').to.equal(1);
    } finally {
      offFirst();
      offLate();
    }
  });
});
