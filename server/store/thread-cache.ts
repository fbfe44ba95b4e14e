import { createHash } from 'node:crypto';
import { topics, type CommentThread, type RealtimeEvent } from '../../src/core/protocol.ts';
import type { ProfileField } from '../config/privacy.ts';
import type { Queryable } from '../db.ts';
import type { EventBus, Subscriber } from '../events/bus.ts';
import type { Logger } from '../log.ts';
import { COMMENT_TARGET_PREFIX } from './targets.ts';
import { buildThreadPage, checkThreadPage, pageCursor, type BuiltPage, type Mine, type PageRequest, type PageState } from './threads.ts';

/** Memory the cached pages of one instance may take (their JSON, UTF-8), unless the owner says otherwise. */
export const DEFAULT_THREAD_CACHE_BYTES = 64 * 1024 * 1024;
/** A single page larger than this share of the cap is answered but not kept. */
const LARGEST_SHARE = 8;

const COMMENTS_TOPIC_PREFIX = topics.comments('');
const COMMENT_REACTIONS_TOPIC_PREFIX = topics.reactions(COMMENT_TARGET_PREFIX);
/** Where each reaction summary's `mine` goes in a cached page's JSON (the cache keeps it empty). */
const MINE_SLOT = '"mine":[]';

export interface ThreadCacheOptions {
  kinds: readonly string[];
  /** `PLAZA_PROFILE_FIELDS`: what the authors' tags show, the same for every reader. */
  profileFields: readonly ProfileField[];
  /** The page's `limits`, the same in every answer. */
  limits: CommentThread['limits'];
  /** Memory cap of the cached pages, in bytes of JSON. */
  maxBytes?: number;
  logger: Logger;
}

/** What the route sends: the JSON body and its ETag (the body is only made when it is sent, not for a 304). */
export interface CachedAnswer {
  etag: string;
  body(): Uint8Array<ArrayBuffer>;
}

/** A page as every signed-out reader sees it, as JSON, with what it depends on. */
interface Entry {
  key: string;
  thread: string;
  /** The JSON with every `mine` empty. */
  json: Buffer<ArrayBuffer>;
  /** Byte offset of the `[]` of each reaction summary's `mine`, in the order of `targets`. */
  slots: number[];
  targets: string[];
  slotOf: Map<string, number>;
  tag: string;
  state: PageState;
  people: string[];
  comments: string[];
  size: number;
  /** Whether it is in the cache now (not yet, or dropped: a round in flight may still answer from it). */
  cached: boolean;
}

interface Waiter {
  viewer: string | null;
  resolve(answer: CachedAnswer): void;
  reject(error: unknown): void;
}

/** One query for requests that all arrived before it started: a check of the cached entry, or a build. */
interface Round {
  thread: string;
  waiters: Waiter[];
  /**
   * A build during which an event about its thread (or about reactions to a comment no cached
   * page knows, which may be one it read) arrived: its answer stands, but it is not kept.
   */
  stale: boolean;
}

/** A cache key's state: its entry, the round in flight, and who waits for the next one. */
interface Slot {
  key: string;
  request: PageRequest;
  entry: Entry | null;
  round: Round | null;
  /** A round is due once the requests that arrived with this one have reached the cache. */
  due: boolean;
  queue: Waiter[];
}

/**
 * Every comment topic and every topic of a comment's reactions, whatever the
 * cache holds at the moment: it must also hear about comments it does not
 * know yet, to drop builds in flight that may have read them before the change.
 */
class CommentTopics extends Set<string> {
  override has(topic: string): boolean {
    return topic.startsWith(COMMENTS_TOPIC_PREFIX) || topic.startsWith(COMMENT_REACTIONS_TOPIC_PREFIX);
  }
}

/**
 * Thread pages as signed-out readers see them, per instance, as ready JSON,
 * so the hot path of `GET /threads/{key}/comments` is one small query instead
 * of building the page. Keyed by thread, sort, cursor and limit; at most
 * `maxBytes` of JSON, least recently used pages go first.
 *
 * Exact, not timed. A cached page is dropped when the event bus delivers an
 * event about its thread (`comments:<key>`) or about reactions to a comment it
 * depends on (`reactions:comment:<id>`), on whichever instance the write
 * happened. Delivery may lag behind a commit (another instance's write, or a
 * hole in the event ids still settling), and some changes announce nothing (a
 * person renamed or erased, and with them their reactions, their comments and
 * events naming them). So every answer from the cache first asks the database,
 * in one statement, whether an event about the thread committed after the
 * bus's watermark, whether the thread's state and counts are still those of
 * the page, and whether the people on the page are unchanged (a digest); the
 * same statement reads the readers' own reactions (`mine`). A page that fails
 * the check is built again. Requests for one page that arrive while such a
 * query is in flight share the next one, so under load the check costs a
 * fraction of a query per request, and each answer still reflects the
 * database as it was after the request arrived.
 *
 * Moderators see hidden comments' text and bypass the cache.
 */
export class ThreadCache {
  private readonly slots = new Map<string, Slot>();
  /** Entries, least recently used first. */
  private readonly lru = new Map<string, Entry>();
  private readonly byThread = new Map<string, Set<Entry>>();
  private readonly byComment = new Map<string, Set<Entry>>();
  private readonly builds = new Set<Round>();
  private bytes = 0;
  private readonly maxBytes: number;
  private unsubscribe: (() => void) | null = null;
  /** Without events (the bus closed) nothing may be kept: pages are built for each round. */
  private closed = false;

  constructor(
    private readonly db: Queryable,
    private readonly bus: EventBus,
    private readonly options: ThreadCacheOptions,
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_THREAD_CACHE_BYTES;
  }

  /** The `limits` every page answers with, cached or not. */
  get limits(): CommentThread['limits'] {
    return this.options.limits;
  }

  /**
   * Listens to the bus from the first request on (nothing is cached before it, so
   * nothing earlier matters; and building the routes touches no service).
   */
  private listen(): void {
    if (this.unsubscribe || this.closed) return;
    const subscriber: Subscriber = {
      topics: new CommentTopics(),
      send: ({ event }) => {
        try {
          this.onEvent(event);
        } catch (error) {
          // Never break the bus's delivery to the streams; forgetting everything is always correct.
          this.options.logger.error('Thread cache: could not handle an event; emptying the cache', error);
          this.clear();
        }
      },
      heartbeat() {},
      close: () => this.close(),
    };
    this.unsubscribe = this.bus.subscribe(subscriber);
  }

  /** The page as a non-moderator `viewer` (null: signed out) sees it. Throws a 400 problem for a bad cursor. */
  page(request: PageRequest, viewer: string | null): Promise<CachedAnswer> {
    pageCursor(request.sort, request.cursor);
    this.listen();
    const key = cacheKey(request);
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { key, request, entry: null, round: null, due: false, queue: [] };
      this.slots.set(key, slot);
    }
    const waiting = slot;
    return new Promise((resolve, reject) => {
      waiting.queue.push({ viewer, resolve, reject });
      this.schedule(waiting);
    });
  }

  /** Whether this page is cached now: for tests and diagnostics. */
  holds(request: PageRequest): boolean {
    return this.lru.has(cacheKey(request));
  }

  /** What the cache holds: for tests and diagnostics. */
  stats(): { pages: number; bytes: number; maxBytes: number } {
    return { pages: this.lru.size, bytes: this.bytes, maxBytes: this.maxBytes };
  }

  /** Stops listening to the bus and keeps nothing from now on (the bus calls it when it closes). */
  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    this.clear();
  }

  private clear(): void {
    for (const entry of [...this.lru.values()]) this.drop(entry);
    for (const build of this.builds) build.stale = true;
  }

  /**
   * Starts the next round after the I/O at hand: requests that arrived together share it.
   * (PGlite runs a query on the event loop itself, so a round started at once would
   * finish before the next request is even read, and every request would pay for its own.)
   */
  private schedule(slot: Slot): void {
    if (slot.round || slot.due) return;
    slot.due = true;
    setImmediate(() => {
      slot.due = false;
      this.startRound(slot);
    });
  }

  private startRound(slot: Slot): void {
    const waiters = slot.queue.splice(0);
    if (waiters.length === 0) {
      if (!slot.entry) this.slots.delete(slot.key);
      return;
    }
    const round: Round = { thread: slot.request.key, waiters, stale: false };
    slot.round = round;
    const entry = slot.entry;
    (entry ? this.check(slot, entry, round) : this.build(slot, round))
      .catch((error: unknown) => {
        for (const waiter of waiters) waiter.reject(error);
      })
      .finally(() => {
        slot.round = null;
        if (slot.queue.length > 0) this.schedule(slot);
        else if (!slot.entry) this.slots.delete(slot.key);
      });
  }

  private async check(slot: Slot, entry: Entry, round: Round): Promise<void> {
    const { kinds } = this.options;
    const checked = await checkThreadPage(
      this.db,
      { key: entry.thread, delivered: this.bus.watermark, people: entry.people, viewers: viewersOf(round), targets: entry.targets },
      kinds,
    );
    if (!checked.behind && sameState(checked.state, entry.state)) {
      this.touch(entry);
      for (const waiter of round.waiters) waiter.resolve(answer(entry, waiter.viewer === null ? undefined : checked.mine.get(waiter.viewer)));
      return;
    }
    this.drop(entry);
    await this.build(slot, round);
  }

  private async build(slot: Slot, round: Round): Promise<void> {
    this.builds.add(round);
    try {
      const built = await buildThreadPage(this.db, slot.request, { ids: viewersOf(round), moderator: false }, this.options.kinds, this.options.profileFields);
      const response: CommentThread = { ...built.page, sort: slot.request.sort, limits: this.options.limits };
      const entry = makeEntry(slot.key, slot.request.key, JSON.stringify(response), built);
      if (!round.stale && !this.closed) this.store(slot, entry);
      for (const waiter of round.waiters) waiter.resolve(answer(entry, waiter.viewer === null ? undefined : built.mine.get(waiter.viewer)));
    } finally {
      this.builds.delete(round);
    }
  }

  private onEvent(event: RealtimeEvent): void {
    // A reaction's copy on its thread's topic (decision 77) is handled by its `reactions:comment:<id>` original.
    if (event.type === 'reaction.changed' && event.topic.startsWith(COMMENTS_TOPIC_PREFIX)) return;
    if (event.topic.startsWith(COMMENTS_TOPIC_PREFIX)) {
      this.dropThread(event.topic.slice(COMMENTS_TOPIC_PREFIX.length));
      return;
    }
    const comment = event.topic.slice(COMMENT_REACTIONS_TOPIC_PREFIX.length);
    const entries = this.byComment.get(comment);
    if (!entries) {
      // A comment no cached page depends on; a build in flight may be reading it, though.
      for (const build of this.builds) build.stale = true;
      return;
    }
    for (const thread of new Set([...entries].map((entry) => entry.thread))) this.dropThread(thread);
  }

  private dropThread(thread: string): void {
    for (const entry of [...(this.byThread.get(thread) ?? [])]) this.drop(entry);
    for (const build of this.builds) if (build.thread === thread) build.stale = true;
  }

  private store(slot: Slot, entry: Entry): void {
    if (slot.entry) this.drop(slot.entry);
    if (entry.size > this.maxBytes / LARGEST_SHARE) return;
    entry.cached = true;
    slot.entry = entry;
    this.lru.set(entry.key, entry);
    this.bytes += entry.size;
    index(this.byThread, entry.thread, entry);
    for (const comment of entry.comments) index(this.byComment, comment, entry);
    for (const [, oldest] of this.lru) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest);
    }
  }

  private touch(entry: Entry): void {
    if (!entry.cached) return;
    this.lru.delete(entry.key);
    this.lru.set(entry.key, entry);
  }

  private drop(entry: Entry): void {
    if (!entry.cached) return;
    entry.cached = false;
    this.lru.delete(entry.key);
    this.bytes -= entry.size;
    unindex(this.byThread, entry.thread, entry);
    for (const comment of entry.comments) unindex(this.byComment, comment, entry);
    const slot = this.slots.get(entry.key);
    if (slot?.entry === entry) {
      slot.entry = null;
      if (!slot.round && !slot.due && slot.queue.length === 0) this.slots.delete(slot.key);
    }
  }
}

function cacheKey({ key, sort, limit, cursor }: PageRequest): string {
  return [key, sort, limit, cursor ?? ''].join('\u0000');
}

function viewersOf(round: Round): string[] {
  return [...new Set(round.waiters.flatMap((waiter) => (waiter.viewer === null ? [] : [waiter.viewer])))];
}

function sameState(a: PageState, b: PageState): boolean {
  return a.closed === b.closed && a.counts[0] === b.counts[0] && a.counts[1] === b.counts[1] && a.peopleDigest === b.peopleDigest;
}

/** The page's JSON as bytes, with the place of each `mine` (each `"mine":[]`, in the order of `targets`). */
function makeEntry(key: string, thread: string, json: string, built: BuiltPage): Entry {
  const { targets, state, people, comments } = built;
  // Inside a JSON string a quote is escaped, so `"mine":[]` only occurs as a summary's own member.
  const pieces = json.split(MINE_SLOT);
  if (pieces.length !== targets.length + 1) throw new Error(`Thread cache: ${pieces.length - 1} mine slots for ${targets.length} targets`);
  const slots: number[] = [];
  let offset = 0;
  for (const piece of pieces.slice(0, -1)) {
    offset += Buffer.byteLength(piece) + MINE_SLOT.length;
    slots.push(offset - 2);
  }
  const bytes = Buffer.from(json);
  return {
    key,
    thread,
    json: bytes,
    slots,
    targets,
    slotOf: new Map(targets.map((target, i) => [target, i])),
    tag: createHash('sha1').update(bytes).digest('base64url'),
    state,
    people,
    comments,
    // The JSON, and roughly what the ids, sets and maps around it take.
    size: bytes.length + 2 * key.length + 100 * (2 * targets.length + comments.length + people.length + 10),
    cached: false,
  };
}

/** The entry with one reader's `mine` filled in. */
function answer(entry: Entry, mine: Mine | undefined): CachedAnswer {
  const filled = [...(mine ?? [])]
    .flatMap(([target, kinds]) => {
      const slot = entry.slotOf.get(target);
      return slot === undefined || kinds.length === 0 ? [] : [{ slot, kinds }];
    })
    .sort((a, b) => a.slot - b.slot);
  if (filled.length === 0) return { etag: `"${entry.tag}"`, body: () => entry.json };
  const own = createHash('sha1').update(filled.map(({ slot, kinds }) => `${slot}:${kinds.join(',')}`).join(';')).digest('base64url');
  return {
    etag: `"${entry.tag}.${own.slice(0, 12)}"`,
    body: () => {
      const parts: Buffer[] = [];
      let from = 0;
      for (const { slot, kinds } of filled) {
        const at = entry.slots[slot]!;
        parts.push(entry.json.subarray(from, at), Buffer.from(JSON.stringify(kinds)));
        from = at + 2;
      }
      parts.push(entry.json.subarray(from));
      return Buffer.concat(parts);
    },
  };
}

function index(map: Map<string, Set<Entry>>, key: string, entry: Entry): void {
  const set = map.get(key);
  if (set) set.add(entry);
  else map.set(key, new Set([entry]));
}

function unindex(map: Map<string, Set<Entry>>, key: string, entry: Entry): void {
  const set = map.get(key);
  set?.delete(entry);
  if (set?.size === 0) map.delete(key);
}
