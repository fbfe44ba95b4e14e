import type { PlazaClient } from './client.ts';
import { KeyedBatcher } from './batcher.ts';
import { KeyedCache } from './keyed-cache.ts';
import type { RealtimeHub } from './realtime.ts';
import { PlazaError } from './problem.ts';
import { LIMITS, PROBLEM_TYPES, topics, type FollowChangedEvent, type Person, type Profile } from './protocol.ts';
import { perEndpoint } from './services.ts';

/**
 * The page's colleagues for one endpoint, in two shapes:
 *
 * - persons (`GET /people?ids=`): the directory entry a name tag needs, asked
 *   for in batches, so fifty `<plaza-person>` tags cost one request;
 * - profiles (`GET /people/{id}`): manager, follower counts and whether the
 *   reader follows, asked for only when a card opens, kept fresh through the
 *   person's realtime topic while a card shows them.
 *
 * The store is the person source (`peek`/`load`/`subscribe`) and `profiles`
 * the profile source, so an element binds to either with `sourceTask`.
 */
export class PeopleStore {
  readonly profiles: KeyedCache<Profile>;
  readonly #persons: KeyedCache<Person>;
  /** The follow write in flight per person; a second click waits for it, and realtime echoes do not flicker the optimistic state. */
  readonly #writes = new Map<string, Promise<Profile>>();

  readonly #client: PlazaClient;
  /** Who is reading; asked only when a follow event arrives. */
  readonly #currentUserId: () => Promise<string | null>;

  constructor(client: PlazaClient, realtime: RealtimeHub, currentUserId: () => Promise<string | null>) {
    this.#client = client;
    this.#currentUserId = currentUserId;
    const batcher = byId((ids) => this.#client.people(ids));
    this.#persons = new KeyedCache((id) => batcher.load(id).then((person) => person ?? Promise.reject(notFound(id))));
    // Twelve profile cards on a page (or their reload after a reset) cost one request, as their name tags do.
    const profileBatcher = byId((ids) => this.#client.profiles(ids));
    this.profiles = new KeyedCache(
      (id) => profileBatcher.load(id).then((profile) => (profile ? this.#setProfile(profile) : Promise.reject(notFound(id)))),
      (id, update) =>
        realtime.subscribe(topics.person(id), (event) => {
          if (event.type === 'follow.changed') void this.#applyRemote(event, update);
          else if (event.type === 'person.updated') this.#applyProfileChange(event.person, update);
          else if (event.type === 'person.erased') this.#forgetErased(event.person);
        }),
    );
    realtime.onReset(() => this.profiles.reloadWatched());
  }

  /** The person, if already known (loaded, or embedded in another answer). */
  peek(id: string): Person | undefined {
    return this.#persons.peek(id) ?? this.profiles.peek(id);
  }

  /** Loads the person, batched with every other id asked for in the same task; rejects with a 404 problem for an unknown id. */
  load(id: string): Promise<Person> {
    const profile = this.profiles.peek(id);
    return profile ? Promise.resolve(profile) : this.#persons.load(id);
  }

  subscribe(id: string, listener: (person: Person) => void): () => void {
    return this.#persons.subscribe(id, listener);
  }

  /** Takes people that arrived inside another answer (a thread's comment authors), so their tags need no request. */
  prime(people: Iterable<Person>): void {
    for (const person of people) this.#persons.set(person.id, person);
  }

  /**
   * Follows (`active`) or stops following. The card shows the change at once
   * and rolls back if the server refuses; the error is thrown for the element
   * to explain. Writes for one person are queued, so a quick second click can
   * never overtake the first.
   */
  async follow(id: string, active: boolean): Promise<Profile> {
    const current = this.profiles.peek(id) ?? (await this.profiles.load(id));
    this.profiles.set(id, withFollow(current, active));
    const previous = this.#writes.get(id);
    const write = (previous ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.#client.request<Profile>(active ? 'PUT' : 'DELETE', `/people/${encodeURIComponent(id)}/follow`));
    this.#writes.set(id, write);
    try {
      const after = await write;
      // A later click already shows its own optimistic state; its answer settles it.
      if (this.#writes.get(id) === write) this.#setProfile(after);
      return after;
    } catch (error) {
      if (this.#writes.get(id) === write) this.profiles.set(id, withFollow(this.profiles.peek(id) ?? current, !active));
      throw error;
    } finally {
      if (this.#writes.get(id) === write) this.#writes.delete(id);
    }
  }

  #setProfile(profile: Profile): Profile {
    this.profiles.set(profile.id, profile);
    // A profile is a person too, and so is their manager: name tags for them need no request of their own.
    const { manager, followers: _followers, following: _following, followedByMe: _mine, ...person } = profile;
    this.#persons.set(profile.id, person);
    if (manager) this.#persons.set(manager.id, manager);
    return profile;
  }

  /** An import changed the person: the card and every name tag of them show the new name, role, department. */
  #applyProfileChange(person: Person, update: (profile: Profile) => void): void {
    const profile = this.profiles.peek(person.id);
    if (profile) update({ ...profile, ...person });
    this.#persons.set(person.id, person);
  }

  /** The person was erased: nothing of them is kept, so whatever asks for them next learns they are gone. */
  #forgetErased(id: string): void {
    this.#persons.forget(id);
    this.profiles.forget(id);
  }

  async #applyRemote(event: FollowChangedEvent, update: (profile: Profile) => void): Promise<void> {
    const profile = this.profiles.peek(event.person);
    if (!profile || this.#writes.has(event.person)) return;
    // The reader following in another tab changes the button here too.
    const mine = (await this.#currentUserId()) === event.actor ? event.active : profile.followedByMe;
    update({ ...(this.profiles.peek(event.person) ?? profile), followers: event.followers, followedByMe: mine });
  }
}

/** The profile as it will be once the reader follows (or no longer follows) them. */
export function withFollow(profile: Profile, active: boolean): Profile {
  if (profile.followedByMe === active) return profile;
  return { ...profile, followedByMe: active, followers: Math.max(0, profile.followers + (active ? 1 : -1)) };
}

/** A batcher over a list route that leaves unknown ids out: those come back as null. */
function byId<T extends { id: string }>(loadMany: (ids: string[]) => Promise<{ items: T[] }>): KeyedBatcher<T | null> {
  return new KeyedBatcher<T | null>(async (ids) => {
    const found = new Map<string, T | null>(ids.map((id) => [id, null]));
    for (const item of (await loadMany(ids)).items) found.set(item.id, item);
    return found;
  }, LIMITS.batchSize);
}

function notFound(id: string): PlazaError {
  return new PlazaError({ type: PROBLEM_TYPES.notFound, title: 'Not found', status: 404, detail: `Nobody in the directory has the id "${id}".` });
}

/** Colleagues for one endpoint: name tags batched, profiles with live follower counts, follow/unfollow. */
export const peopleOf = perEndpoint((services) => new PeopleStore(services.client, services.realtime, services.currentUserId));
