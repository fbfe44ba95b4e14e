import { topics as topicNames, type Activity, type RealtimeEvent } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import type { EventBus, StoredEvent } from './bus.ts';
import { followsSince } from '../store/follows.ts';
import { notificationTopic, PERSONAL_TOPIC_PREFIX } from '../notifications/topic.ts';
import type { BehaviourRules } from '../behaviour-rules.ts';

const ALL = topicNames.activities('all');
const FOLLOWING = topicNames.activities('following');
const USER = 'activities:user:';
const SPACE = 'activities:space:';
const MINE = topicNames.notifications();
const PERSONAL = PERSONAL_TOPIC_PREFIX;

/**
 * The feed topics a stream works out for itself. Activities are logged once
 * per concrete topic (`activities:all`, `activities:user:<actor>`); two
 * topics exist only per stream:
 * - `activities:space:<key>`: the events of `activities:all` whose status
 *   post space or thread key starts with `<key>` (the rule of `ActivityScope`);
 * - `activities:following`: the events of `activities:user:<id>` for the
 *   signed-in person and everyone they follow, a set that changes with the
 *   person's own `follow.changed` events as they pass through the stream, so
 *   a follow or unfollow takes effect at once and a replay after
 *   `Last-Event-ID` judges each event by the follows of its moment. Its
 *   deletions come from `activities:all` instead, whoever deleted: a post
 *   shown before an unfollow must still leave the feed when it is deleted
 *   (a client ignores ids it does not show).
 * - `me:notifications`: the events of `notifications:<viewer>`. Asking for
 *   `notifications:<anyone>` directly gives nothing: that topic is never a source.
 * These are delivered as copies carrying the topic name the client asked for.
 * Every other topic passes through as it is.
 *
 * Use: `sources` and `wants` for the bus subscription, `resolve` once before
 * delivering (it loads the follows; events meanwhile are held), then `route`
 * every event in id order (replayed, held, then live).
 */
export class FeedTopics {
  /** The topics to take from the bus: what was asked for, and what derived topics are made of. A live set. */
  readonly sources = new Set<string>();
  /** What the client asked for; grows and shrinks on an open stream (`merge`, `remove`). */
  private readonly requested: Set<string>;
  private readonly spaces: string[] = [];
  /** Whose activities `following` carries (the viewer's own included); null when not asked for or signed out. */
  private followed: Set<string> | null = null;
  private resolved = false;

  constructor(
    requested: ReadonlySet<string>,
    private readonly viewerId: string | null,
    /** Who sees behaviour (behaviour-rules.ts); unset: every event as it is. */
    private readonly rules?: BehaviourRules,
  ) {
    this.requested = new Set(requested);
    for (const topic of requested) if (topic.startsWith(SPACE)) this.spaces.push(topic.slice(SPACE.length));
    // Signed out, `following` is nobody: the topic stays silent, and the stream's other topics work as ever.
    if (requested.has(FOLLOWING) && viewerId !== null) this.followed = new Set([viewerId]);
    this.collectSources();
  }

  /** How many topics the client asked for. */
  get size(): number {
    return this.requested.size;
  }

  has(topic: string): boolean {
    return this.requested.has(topic);
  }

  /** Takes the topics of `other` (resolved, for the same viewer), added to an open stream. */
  merge(other: FeedTopics): void {
    for (const topic of other.requested) this.requested.add(topic);
    this.spaces.push(...other.spaces.filter((key) => !this.spaces.includes(key)));
    if (this.followed === null && other.followed !== null) this.followed = other.followed;
    this.collectSources();
  }

  /** Stops carrying `topic`. */
  remove(topic: string): void {
    if (!this.requested.delete(topic)) return;
    if (topic.startsWith(SPACE)) this.spaces.splice(this.spaces.indexOf(topic.slice(SPACE.length)), 1);
    if (topic === FOLLOWING) this.followed = null;
    this.collectSources();
  }

  private collectSources(): void {
    this.sources.clear();
    for (const topic of this.requested) if (!topic.startsWith(SPACE) && topic !== FOLLOWING && topic !== MINE && !topic.startsWith(PERSONAL)) this.sources.add(topic);
    if (this.requested.has(MINE) && this.viewerId !== null) this.sources.add(notificationTopic(this.viewerId));
    if (this.spaces.length > 0 || this.followed !== null) this.sources.add(ALL);
    for (const person of this.followed ?? []) this.sources.add(USER + person);
  }

  /** Whether `resolve` has work to do (loading follows) before events can be routed. */
  get needsResolving(): boolean {
    return this.followed !== null && !this.resolved;
  }

  /**
   * Events on no source topic that the stream still needs: the viewer's
   * follow changes (on `people:<whom>`), and, until the follows are loaded,
   * every person's activities (whether they count is decided on routing).
   * Undefined when the stream needs none, so the bus checks topics only.
   */
  get wants(): ((event: RealtimeEvent) => boolean) | undefined {
    if (this.followed === null) return undefined;
    return (event) =>
      (event.type === 'follow.changed' && event.actor === this.viewerId) || (!this.resolved && event.topic.startsWith(USER));
  }

  /**
   * Loads whom the viewer follows: now, or, resuming after `afterId`, as it
   * stood then (the follow changes since are undone, to be redone one by one
   * as the replay passes them). Returns the topics a replay after `afterId`
   * must read: the sources, and everyone followed at any moment since, with
   * their `people:` topic, which carries the viewer's follow changes.
   */
  async resolve(db: Queryable, afterId: number | null): Promise<string[]> {
    const replay = new Set(this.sources);
    if (this.followed === null || this.viewerId === null) {
      this.resolved = true;
      return [...replay];
    }
    const { now, changes } = await followsSince(db, this.viewerId, afterId);
    const then = new Set(now);
    const first = new Map<string, boolean>();
    for (const { person, active } of changes) if (!first.has(person)) first.set(person, active);
    for (const [person, active] of first) {
      if (active) then.delete(person);
      else then.add(person);
    }
    for (const person of then) this.follow(person, true);
    for (const person of new Set([...then, ...first.keys()])) {
      replay.add(USER + person);
      replay.add(topicNames.person(person));
    }
    this.resolved = true;
    return [...replay];
  }

  /** One event, in id order, as this stream delivers it: not at all, as it is, and/or as copies under derived topics. */
  route(stored: StoredEvent): StoredEvent[] {
    const out = this.routeAll(stored);
    if (!this.rules) return out;
    // After routing: the viewer's own follow changes steer `following` whatever the reader is then shown of them.
    return out.flatMap((copy) => {
      const event = this.rules!.event(copy.event);
      return event === null ? [] : [event === copy.event ? copy : { id: copy.id, event }];
    });
  }

  private routeAll(stored: StoredEvent): StoredEvent[] {
    const { event } = stored;
    if (event.topic.startsWith(PERSONAL)) return this.viewerId !== null && event.topic === notificationTopic(this.viewerId) && this.requested.has(MINE) ? [renamed(stored, MINE)] : [];
    const out = this.requested.has(event.topic) ? [stored] : [];
    if (event.type === 'follow.changed' && event.actor === this.viewerId) this.follow(event.person, event.active);
    if (event.type !== 'activity.created' && event.type !== 'activity.updated' && event.type !== 'activity.deleted') return out;
    if (this.followed && event.type === 'activity.created' && event.topic.startsWith(USER) && this.followed.has(event.topic.slice(USER.length))) {
      out.push(renamed(stored, FOLLOWING));
    }
    // Deletions and changes come from `activities:all` (a changed post may have lost its author's topic): a feed ignores ids it does not show.
    if (this.followed && event.type !== 'activity.created' && event.topic === ALL) out.push(renamed(stored, FOLLOWING));
    if (event.topic === ALL) {
      for (const key of this.spaces) {
        // A deletion names only an id: every space gets it, and one that never showed the item ignores it.
        if (event.type === 'activity.deleted' || inSpace(event.activity, key)) out.push(renamed(stored, SPACE + key));
      }
    }
    return out;
  }

  private follow(person: string, active: boolean): void {
    if (this.followed === null || person === this.viewerId) return;
    if (active) {
      this.followed.add(person);
      this.sources.add(USER + person);
    } else {
      this.followed.delete(person);
      if (!this.requested.has(USER + person)) this.sources.delete(USER + person);
    }
  }
}

/** The rule of `ActivityScope` for `space:<key>`, as the feed query applies it (`place LIKE key%`). */
export function inSpace(activity: Activity, key: string): boolean {
  const place = activity.space ?? activity.target?.key ?? null;
  return place !== null && place.startsWith(key);
}

/** The event under a derived topic: one copy per event and topic, shared by every stream (encoded once, live-stream.ts). */
function renamed(stored: StoredEvent, topic: string): StoredEvent {
  let copies = renamedCopies.get(stored.event);
  if (!copies) renamedCopies.set(stored.event, (copies = new Map()));
  let event = copies.get(topic);
  if (!event) copies.set(topic, (event = { ...stored.event, topic }));
  return { id: stored.id, event };
}

const renamedCopies = new WeakMap<RealtimeEvent, Map<string, RealtimeEvent>>();

/**
 * The events after `afterId` on the feed's topics, derived topics included, up
 * to the bus's watermark: what a replay (or a poll, `GET /events/poll`) hands
 * a client that asked for those topics.
 */
export async function* replayFeed(bus: EventBus, db: Queryable, feed: FeedTopics, afterId: number): AsyncGenerator<StoredEvent> {
  const topics = await feed.resolve(db, afterId);
  for await (const stored of bus.replay(topics, afterId)) yield* feed.route(stored);
}
