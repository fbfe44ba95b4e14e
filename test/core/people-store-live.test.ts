import { expect } from '@open-wc/testing';
import type { PlazaClient } from '../../src/core/client.ts';
import { PeopleStore } from '../../src/core/people-store.ts';
import { topics, type Person, type Profile, type RealtimeEvent } from '../../src/core/protocol.ts';
import type { RealtimeHub } from '../../src/core/realtime.ts';

/*
 * A single unit: what PeopleStore does with a person's live events from a
 * directory import (`person.updated`) and an erasure (`person.erased`),
 * against a stand-in client and realtime hub. The server side (that the
 * events are sent) is test/server/leavers.test.ts and erasure-events.test.ts.
 */

const lea: Person = { id: 'lea.neumann', name: 'Lea Neumann', role: 'Teamleiterin', department: 'IT', location: 'Rathaus', email: null, phone: null, avatarUrl: null };
const profile: Profile = { ...lea, manager: null, followers: 2, following: 1, followedByMe: false };

function setup() {
  let known = true;
  const client = {
    people: async (ids: string[]) => ({ items: known ? ids.filter((id) => id === lea.id).map(() => lea) : [] }),
    profiles: async (ids: string[]) => ({ items: known ? ids.filter((id) => id === lea.id).map(() => profile) : [] }),
  } as unknown as PlazaClient;
  const listeners = new Map<string, (event: RealtimeEvent) => void>();
  const realtime = {
    subscribe: (topic: string, listener: (event: RealtimeEvent) => void) => {
      listeners.set(topic, listener);
      return () => listeners.delete(topic);
    },
    onReset: () => () => {},
  } as unknown as RealtimeHub;
  const store = new PeopleStore(client, realtime, async () => null);
  const send = (event: RealtimeEvent) => listeners.get(topics.person(lea.id))!(event);
  return { store, send, leave: () => (known = false) };
}

describe('PeopleStore: live changes of a person', () => {
  it('person.updated renames the open card and every name tag of them', async () => {
    const { store, send } = setup();
    const cards: Profile[] = [];
    const tags: Person[] = [];
    store.profiles.subscribe(lea.id, (value) => cards.push(value));
    store.subscribe(lea.id, (value) => tags.push(value));
    await store.profiles.load(lea.id);
    send({ type: 'person.updated', topic: topics.person(lea.id), person: { ...lea, name: 'Lea Neumann-Berg', department: 'Digitales' } });
    expect(cards.at(-1)).to.include({ name: 'Lea Neumann-Berg', department: 'Digitales', followers: 2 });
    expect(tags.at(-1)?.name).to.equal('Lea Neumann-Berg');
    expect(store.peek(lea.id)?.name).to.equal('Lea Neumann-Berg');
  });

  it('person.erased forgets them: the next load asks the server, which no longer knows them', async () => {
    const { store, send, leave } = setup();
    store.profiles.subscribe(lea.id, () => {});
    await store.profiles.load(lea.id);
    leave();
    send({ type: 'person.erased', topic: topics.person(lea.id), person: lea.id });
    expect(store.peek(lea.id)).to.equal(undefined);
    let status = 0;
    await store.load(lea.id).catch((error: { status: number }) => (status = error.status));
    expect(status).to.equal(404);
  });
});
