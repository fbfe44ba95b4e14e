import type { SessionUser } from '../store/sessions.ts';

interface Entry {
  user: SessionUser;
  until: number;
}

/** Enough for every colleague of a large company; beyond it the oldest entries go first. */
const MAX_ENTRIES = 20_000;

/**
 * Who recently presented a credential (a session cookie, a proxy's name), per
 * instance, so reads do not look the session up for every request: a page
 * with comments, reactions and people sends several at once, and a busy
 * thread is read far more often than written. Decision 46 in
 * docs/architecture.md.
 *
 * Only reads (safe methods: GET, HEAD, OPTIONS) use a remembered answer, and for at most `ttlMs`;
 * every write looks the credential up again, so a session that ended (signed
 * out or erased on another instance) can never write, and can read for at
 * most that long. With `alone` (PGlite: the data folder's lock makes this
 * instance the only one) writes use remembered answers too, since every end
 * of a session passes through this instance's `forget`; the lookup would
 * otherwise wait behind the write queue's current round (issue 15, item 4). On this instance, ending a session or erasing a person
 * forgets their entries at once. Concurrent lookups of one credential share
 * one query. Unknown credentials are not remembered: there is nothing to save
 * for a signed-out reader, and they must not fill the memory.
 */
export class SessionCache {
  /** Least recently stored first. */
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<SessionUser | null>>();
  /** Bumped by `forget`, so a lookup that was in flight then does not store what it read before. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly alone = false,
  ) {}

  /** The user `key` stands for: remembered for a read, else from `load()` (and remembered). */
  async user(key: string, read: boolean, load: () => Promise<SessionUser | null>): Promise<SessionUser | null> {
    if (this.ttlMs <= 0) return load();
    read ||= this.alone;
    if (read) {
      const entry = this.entries.get(key);
      if (entry && entry.until > this.now()) return entry.user;
      const inFlight = this.pending.get(key);
      if (inFlight) return inFlight;
    }
    const generation = this.generation;
    const lookup = load().then((user) => {
      if (generation === this.generation) this.store(key, user);
      return user;
    });
    if (read) {
      this.pending.set(key, lookup);
      const done = () => {
        if (this.pending.get(key) === lookup) this.pending.delete(key);
      };
      lookup.then(done, done);
    }
    return lookup;
  }

  /** Forgets every credential of this person (signed out, erased, made or unmade a moderator). */
  forget(personId: string): void {
    this.generation++;
    this.pending.clear();
    for (const [key, entry] of this.entries) if (entry.user.person.id === personId) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private store(key: string, user: SessionUser | null): void {
    this.entries.delete(key);
    if (!user) return;
    this.entries.set(key, { user, until: this.now() + this.ttlMs });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}
