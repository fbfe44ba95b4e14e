import { delay, http, HttpResponse, sse, type HttpHandler } from 'msw';
import {
  DEFAULT_REACTION_KINDS,
  KEY_PATTERN,
  LIMITS,
  PROBLEM_TYPES,
  topics,
  type Me,
  type Problem,
  type RealtimeEvent,
  type ReactionChangedEvent,
  type ReactionPeople,
  type ReactionSummary,
} from '../../src/core/protocol.ts';
import { colleagues, customKinds, employee, manyCounts, personById, reactors, signedIn, signedOut } from '../../test/fixtures/index.ts';
import { CommentMock, commentBehaviours } from './comments-backend.ts';
import { PeopleMock, peopleBehaviours } from './people-backend.ts';
import { ActivityMock, activityBehaviours } from './activities-backend.ts';
import { NotificationMock, notificationBehaviours } from './notifications-backend.ts';

/**
 * The Plaza backend Storybook runs against: the reaction routes of protocol v1,
 * answered in the browser by Mock Service Worker from the shared fixtures in
 * test/fixtures/. It behaves like the reference server (counts for every
 * offered kind, `mine` in offered order, who reacted newest first, problems as
 * application/problem+json with the server's titles), so a story shows what a
 * page would show.
 *
 * Every scenario is a backend of its own under `/mock/<scenario>/api/v1`, and
 * a story chooses one by pointing its `<plaza-config endpoint>` there (the
 * preview's decorator does that from `parameters.plaza.scenario`). One mount
 * per scenario rather than one set of handlers swapped per story, because a
 * docs page renders all of a component's stories at once and only one set of
 * handlers can be active at a time; and because the elements keep one cache
 * per endpoint, a distinct endpoint also keeps one story's data out of the next.
 */
export const scenarios = {
  loaded: 'Signed in as Jonas Becker; the fixtures’ reactions; writes succeed.',
  empty: 'Nobody has reacted to anything yet: every count is zero.',
  many: 'Counts in the thousands, and every kind is the reader’s own.',
  slow: 'Reaction summaries never arrive: the bar stays in its loading state.',
  'load-error': 'Every read fails with 500 problem+json.',
  'write-refused': 'Nobody is signed in: reading works, every reaction gets 401 problem+json.',
  'custom-kinds': 'A backend offering its own reaction set (thanks, helpful, outdated); other kinds get 400 unknown-reaction-kind.',
  live: 'Like `loaded`, and a colleague reacts (and comments) every few seconds, pushed over Server-Sent Events.',
  'post-fails': 'Like `loaded`, but every new comment, every follow and every change of following a discussion answers 503: the client retries, then gives the text back (or rolls back) with the reason.',
  closed: 'Like `loaded`, in a thread a moderator closed: reading works, posting is refused.',
  moderated: 'Like `loaded`, and the reader moderates: hidden comments show their text, and comments can be hidden and threads closed.',
  'no-mail': 'Like `loaded`, on a server without e-mail or Teams: the bell’s settings offer the list and “off” only.',
} as const;

export type Scenario = keyof typeof scenarios;

/** Where the elements find a scenario's backend: `<plaza-config endpoint=${endpointFor('empty')}>`. */
export function endpointFor(scenario: Scenario): string {
  return `/mock/${scenario}/api/v1`;
}

/**
 * Every scenario at its own endpoint, plus `loaded` at the page's default
 * `/api/v1` so an element without any configuration shows something sensible.
 */
export function plazaHandlers(): HttpHandler[] {
  const mounted = (Object.keys(scenarios) as Scenario[]).flatMap((scenario) => scenarioHandlers(scenario, `*${endpointFor(scenario)}`));
  return [...mounted, ...scenarioHandlers('loaded', '/api/v1')];
}

/**
 * One scenario's handlers, mounted at `base` (a path or an MSW pattern). Each
 * call makes a fresh backend whose state starts from the fixtures, so a test
 * can `worker.use(...scenarioHandlers('write-refused'))` in isolation.
 */
export function scenarioHandlers(scenario: Scenario, base = '/api/v1'): HttpHandler[] {
  const backend = new MockBackend(behaviours[scenario]);
  const comments = new CommentMock(commentBehaviours[scenario], {
    me: () => backend.me,
    summary: (target) => backend.summary(target),
    publish: (event) => backend.publish(event),
  });
  const people = new PeopleMock(peopleBehaviours[scenario], { me: () => backend.me, publish: (event) => backend.publish(event) });
  const activities = new ActivityMock(activityBehaviours[scenario], { me: () => backend.me, publish: (event) => backend.publish(event) });
  const notifications = new NotificationMock(notificationBehaviours[scenario], { me: () => backend.me });
  const at = (path: string) => `${base}${path}`;
  return [
    ...comments.handlers(at),
    ...people.handlers(at),
    ...activities.handlers(at),
    ...notifications.handlers(at),
    http.get(at('/me'), () => HttpResponse.json(backend.me)),
    http.get(at('/reactions'), ({ request }) => backend.batch(new URL(request.url))),
    http.put(at('/reactions/:target/:kind'), ({ params }) => backend.write(String(params.target), String(params.kind), true)),
    http.delete(at('/reactions/:target/:kind'), ({ params }) => backend.write(String(params.target), String(params.kind), false)),
    http.get(at('/reactions/:target/:kind/people'), ({ params, request }) =>
      backend.people(String(params.target), String(params.kind), new URL(request.url)),
    ),
    sse<StreamedEvents>(at('/events'), ({ client, request }) => backend.stream(client as EventClient, new URL(request.url), request.signal)),
  ];
}

interface Behaviour {
  me: Me;
  /** The reaction kinds this backend offers, in order. */
  kinds: readonly string[];
  /** Who has reacted to `target` before anybody clicks, kind → ids oldest first. */
  seed: (target: string) => Record<string, readonly string[]>;
  reads?: 'hang' | 'fail';
  writes?: 'refused';
  live?: boolean;
}

const fixtureSeed = (target: string) => reactors[target] ?? {};

const behaviours: Record<Scenario, Behaviour> = {
  loaded: { me: signedIn, kinds: DEFAULT_REACTION_KINDS, seed: fixtureSeed },
  empty: { me: signedIn, kinds: DEFAULT_REACTION_KINDS, seed: () => ({}) },
  many: { me: signedIn, kinds: DEFAULT_REACTION_KINDS, seed: manySeed },
  slow: { me: signedIn, kinds: DEFAULT_REACTION_KINDS, seed: fixtureSeed, reads: 'hang' },
  'load-error': { me: signedIn, kinds: DEFAULT_REACTION_KINDS, seed: fixtureSeed, reads: 'fail' },
  'write-refused': { me: signedOut, kinds: DEFAULT_REACTION_KINDS, seed: fixtureSeed, writes: 'refused' },
  'custom-kinds': { me: signedIn, kinds: customKinds, seed: fixtureSeed },
  live: { me: signedIn, kinds: DEFAULT_REACTION_KINDS, seed: fixtureSeed, live: true },
  'post-fails': { me: signedIn, kinds: DEFAULT_REACTION_KINDS, seed: fixtureSeed },
  closed: { me: signedIn, kinds: DEFAULT_REACTION_KINDS, seed: fixtureSeed },
  moderated: { me: { ...signedIn, can: { ...signedIn.can, moderate: true } }, kinds: DEFAULT_REACTION_KINDS, seed: fixtureSeed },
  'no-mail': { me: signedIn, kinds: DEFAULT_REACTION_KINDS, seed: fixtureSeed },
};

/** Thousands of employees per kind, the reader (most recently) among them. */
function manySeed(): Record<string, readonly string[]> {
  const readerId = signedIn.user!.id;
  return Object.fromEntries(
    Object.entries(manyCounts).map(([kind, count]) => [
      kind,
      [...Array.from({ length: count - 1 }, (_, i) => employee(i).id), readerId],
    ]),
  );
}

/** The problems the mock answers with, titled as the reference server titles them. */
const TITLES = {
  validation: 'The request is not valid',
  unauthenticated: 'Sign-in required',
  unknownKind: 'Unknown reaction kind',
  internal: 'Internal server error',
} as const satisfies Partial<Record<keyof typeof PROBLEM_TYPES, string>>;

/** An RFC 9457 answer, as the reference server sends it. */
export function problem(kind: keyof typeof TITLES, status: number, detail?: string, field?: string): Response {
  const body: Problem = { type: PROBLEM_TYPES[kind], title: TITLES[kind], status };
  if (detail !== undefined) body.detail = detail;
  if (field !== undefined) body.field = field;
  return HttpResponse.json(body, { status, headers: { 'content-type': 'application/problem+json' } });
}

/** The events `GET /events` streams; each `data` is a RealtimeEvent as JSON. */
type StreamedEvents = { message: string; ready: string } & Record<RealtimeEvent['type'], string>;
// msw's client takes one message type per event name; TypeScript no longer relates a union of all the names to that many (12 and more).
type EventClient = { send(message: { id?: string; event: RealtimeEvent['type'] | 'ready'; data: string }): void };

/** One scenario's in-memory state: who reacted how to what. */
class MockBackend {
  private readonly reactions = new Map<string, Map<string, string[]>>();
  /** Open event streams: each one's listener and the topics it asked for. */
  private readonly streams = new Map<(event: RealtimeEvent) => void, ReadonlySet<string>>();
  private lastEventId = 0;
  private liveTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly behaviour: Behaviour) {}

  get me(): Me {
    return this.behaviour.me;
  }

  async batch(url: URL): Promise<Response> {
    const targets = [...new Set(url.searchParams.getAll('targets'))];
    if (targets.length === 0) return problem('validation', 400, 'Ask for at least one target.', 'targets');
    if (targets.length > LIMITS.batchSize) return problem('validation', 400, `At most ${LIMITS.batchSize} targets at once.`, 'targets');
    const malformed = targets.findIndex((target) => !KEY_PATTERN.test(target));
    if (malformed >= 0) return problem('validation', 400, 'A target is not a valid key.', `targets.${malformed}`);
    if (this.behaviour.reads === 'hang') await delay('infinite');
    if (this.behaviour.reads === 'fail') return problem('internal', 500, 'The reactions database did not answer (mocked).');
    return HttpResponse.json({ items: targets.map((target) => this.summary(target)) });
  }

  write(target: string, kind: string, active: boolean): Response {
    const refused = this.check(target, kind);
    if (refused) return refused;
    if (this.behaviour.writes === 'refused' || !this.me.user) return problem('unauthenticated', 401, 'Sign in to react.');
    this.change(target, kind, this.me.user.id, active);
    return HttpResponse.json(this.summary(target));
  }

  people(target: string, kind: string, url: URL): Response {
    const refused = this.check(target, kind);
    if (refused) return refused;
    if (this.behaviour.reads === 'fail') return problem('internal', 500, 'The reactions database did not answer (mocked).');
    const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 20) || 20, 1), LIMITS.batchSize);
    const cursor = url.searchParams.get('cursor');
    const offset = cursor === null ? 0 : decodeCursor(cursor);
    if (offset === undefined) return problem('validation', 400, 'The cursor is not one this server issued.', 'cursor');
    const newestFirst = [...(this.reactionsOf(target).get(kind) ?? [])].reverse();
    const page = newestFirst.slice(offset, offset + limit);
    const body: ReactionPeople = {
      items: page.map((id) => personById(id) ?? employee(Number(id.replace('u-employee-', '')))),
      nextCursor: offset + limit < newestFirst.length ? encodeCursor(offset + limit) : null,
      total: newestFirst.length,
    };
    return HttpResponse.json(body);
  }

  /** `GET /events`: stays open; in the live scenario a colleague reacts every few seconds. */
  stream(client: EventClient, url: URL, signal: AbortSignal): void {
    const wanted = new Set(url.searchParams.getAll('topics'));
    const subscriber = (event: RealtimeEvent) => {
      if (!wanted.has(event.topic)) return;
      try {
        client.send({ id: String(this.lastEventId), event: event.type, data: JSON.stringify(event) });
      } catch {
        this.streams.delete(subscriber);
      }
    };
    // MSW does not abort a stream the page replaced (its topics changed); writing there fails loudly.
    this.streams.clear();
    this.streams.set(subscriber, wanted);
    // As the reference server does: a stream that never says `ready` counts as held back by a proxy, and the client polls instead.
    client.send({ id: String(this.lastEventId), event: 'ready', data: '{}' });
    signal.addEventListener('abort', () => this.streams.delete(subscriber), { once: true });
    if (this.behaviour.live) this.liveTimer ??= setInterval(() => this.colleagueReacts(), 3000);
  }

  /** Sends an event to every open stream that asked for its topic. */
  publish(event: RealtimeEvent): void {
    this.lastEventId++;
    for (const subscriber of [...this.streams.keys()]) subscriber(event);
  }

  /** The summary the reader sees; the comment mock embeds it in every comment it answers. */
  summary(target: string): ReactionSummary {
    const byKind = this.reactionsOf(target);
    const readerId = this.me.user?.id;
    const counts: Record<string, number> = {};
    const mine: string[] = [];
    for (const kind of this.behaviour.kinds) {
      const ids = byKind.get(kind) ?? [];
      counts[kind] = ids.length;
      if (readerId && ids.includes(readerId)) mine.push(kind);
    }
    return { target, counts, mine };
  }

  /** Returns the problem a malformed target or a kind this backend does not offer gets. */
  private check(target: string, kind: string): Response | undefined {
    if (!KEY_PATTERN.test(target)) return problem('validation', 400, 'The target is not a valid key.', 'target');
    if (!this.behaviour.kinds.includes(kind)) {
      return problem('unknownKind', 400, `"${kind}" is not a reaction here; use one of ${this.behaviour.kinds.join(', ')}.`, 'kind');
    }
    return undefined;
  }

  private change(target: string, kind: string, personId: string, active: boolean): void {
    const byKind = this.reactionsOf(target);
    const ids = byKind.get(kind) ?? [];
    if (ids.includes(personId) === active) return;
    byKind.set(kind, active ? [...ids, personId] : ids.filter((id) => id !== personId));
    const event: ReactionChangedEvent = {
      type: 'reaction.changed',
      topic: topics.reactions(target),
      target,
      kind,
      active,
      actor: personId,
      counts: this.summary(target).counts,
    };
    this.publish(event);
  }

  /** A colleague who has not yet reacted with some kind to one of the watched targets does so. */
  private colleagueReacts(): void {
    if (this.streams.size === 0) {
      clearInterval(this.liveTimer);
      this.liveTimer = undefined;
      return;
    }
    const prefix = topics.reactions('');
    const watchedTopics = new Set([...this.streams.values()].flatMap((set) => [...set]));
    const watched = [...watchedTopics].filter((topic) => topic.startsWith(prefix)).map((topic) => topic.slice(prefix.length));
    for (const target of watched) {
      const byKind = this.reactionsOf(target);
      for (const kind of this.behaviour.kinds) {
        const colleague = colleagues.find((person) => person.id !== this.me.user?.id && !(byKind.get(kind) ?? []).includes(person.id));
        if (colleague) return this.change(target, kind, colleague.id, true);
      }
    }
  }

  private reactionsOf(target: string): Map<string, string[]> {
    let byKind = this.reactions.get(target);
    if (!byKind) {
      byKind = new Map(Object.entries(this.behaviour.seed(target)).map(([kind, ids]) => [kind, [...ids]]));
      this.reactions.set(target, byKind);
    }
    return byKind;
  }
}

function encodeCursor(offset: number): string {
  return btoa(`offset:${offset}`);
}

function decodeCursor(cursor: string): number | undefined {
  try {
    const match = /^offset:(\d+)$/.exec(atob(cursor));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
