import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { LIMITS, PROBLEM_TYPES, topics, type Me, type Person, type Problem, type Profile, type RealtimeEvent } from '../../src/core/protocol.ts';
import { ayse, colleagues, employee, jonas, klausDieter, lena, maximiliane, mehmet, petra, sophie, thomas } from '../../test/fixtures/index.ts';

/*
 * The people routes of protocol v1 for Storybook (`GET /people?ids=`,
 * `GET /people/{id}`, `PUT|DELETE /people/{id}/follow`), per scenario like the
 * reaction and comment routes beside them in plaza-backend.ts, which mounts
 * these at every scenario's endpoint and shares its event stream with them.
 * It answers like the reference server: unknown ids left out of a batch,
 * 404 for an unknown profile, 400 for following yourself, problems as
 * application/problem+json.
 */

export interface PeopleBehaviour {
  reads?: 'hang' | 'fail';
  /** `fail`: every follow and unfollow answers 503, so the client retries, then rolls back. */
  follows?: 'fail';
  /** A colleague follows whoever a card shows, every few seconds. */
  live?: boolean;
}

export const peopleBehaviours = {
  loaded: {},
  empty: {},
  many: {},
  slow: { reads: 'hang' },
  'load-error': { reads: 'fail' },
  'write-refused': {},
  'custom-kinds': {},
  live: { live: true },
  'post-fails': { follows: 'fail' },
  closed: {},
  moderated: {},
  'no-mail': {},
} satisfies Record<string, PeopleBehaviour>;

/** A small portrait, drawn in place: a picture that loads without any server. */
const PORTRAIT = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#f3d9b1"/><circle cx="32" cy="25" r="12" fill="#7a4e2d"/><path d="M10 64c2-14 12-20 22-20s20 6 22 20z" fill="#2f6f8f"/></svg>',
)}`;

/** Someone only the mock knows, whose picture is gone: the initials story. */
export const janaBerg: Person = {
  id: 'u-jana-berg',
  name: 'Jana Berg',
  role: 'Sachbearbeiterin Hausanschlüsse',
  department: 'Netze',
  location: 'Betriebshof Nord',
  email: 'jana.berg@stadtwerke-musterstadt.example',
  phone: '+49 555 1234-377',
  avatarUrl: '/mock-avatars/jana-berg.jpg',
};

/** The directory as the mock serves it: the fixtures, Ayşe with a picture, and Jana with a broken one. */
const directory: Person[] = [...colleagues.map((p) => (p.id === ayse.id ? { ...p, avatarUrl: PORTRAIT } : p)), janaBerg];

/** A colleague of the fixtures, or one of the thousands of generated employees (`u-employee-<n>`). */
function lookup(id: string): Person | undefined {
  const generated = /^u-employee-(\d+)$/.exec(id);
  return generated ? employee(Number(generated[1])) : directory.find((p) => p.id === id);
}

const managerOf: Record<string, Person | undefined> = {
  [petra.id]: thomas,
  [jonas.id]: maximiliane,
  [ayse.id]: petra,
  [klausDieter.id]: thomas,
  [sophie.id]: lena,
  [mehmet.id]: thomas,
  [lena.id]: thomas,
  [maximiliane.id]: thomas,
  [janaBerg.id]: jonas,
};

/** Followers before anybody clicks, by person: some popular, some not followed at all. */
const seedFollowers: Record<string, number> = { [thomas.id]: 214, [petra.id]: 87, [ayse.id]: 12, [maximiliane.id]: 3, [jonas.id]: 1 };

export interface PeopleMockLinks {
  me: () => Me;
  publish: (event: RealtimeEvent) => void;
}

function problem(kind: 'validation' | 'unauthenticated' | 'notFound' | 'internal', status: number, detail: string): Response {
  const titles = { validation: 'The request is not valid', unauthenticated: 'Sign-in required', notFound: 'Not found', internal: 'Internal server error' };
  const body: Problem = { type: PROBLEM_TYPES[kind], title: titles[kind], status, detail };
  return HttpResponse.json(body, { status, headers: { 'content-type': 'application/problem+json' } });
}

/** One scenario's directory and follows, in memory. */
export class PeopleMock {
  /** Follower ids per person, beyond the seeded counts. */
  private readonly follows = new Map<string, Set<string>>();
  private liveTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly behaviour: PeopleBehaviour,
    private readonly links: PeopleMockLinks,
  ) {}

  handlers(at: (path: string) => string): HttpHandler[] {
    return [
      http.get(at('/people'), ({ request }) => this.batch(new URL(request.url))),
      http.get(at('/profiles'), ({ request }) => this.profiles(new URL(request.url))),
      http.get(at('/people/:id'), ({ params }) => this.profile(String(params.id))),
      http.put(at('/people/:id/follow'), ({ params }) => this.follow(String(params.id), true)),
      http.delete(at('/people/:id/follow'), ({ params }) => this.follow(String(params.id), false)),
      http.get('*/mock-avatars/:file', () => new HttpResponse(null, { status: 404 })),
    ];
  }

  private batch(url: URL): Promise<Response> {
    return this.listed(url, lookup);
  }

  /** A batched read of `?ids=` as the server answers it: unknown ids left out, in the order asked. */
  private async listed<T>(url: URL, find: (id: string) => T | undefined): Promise<Response> {
    const ids = [...new Set((url.searchParams.get('ids') ?? '').split(',').filter(Boolean))];
    if (ids.length === 0 || ids.length > LIMITS.batchSize) return problem('validation', 400, `ids: between 1 and ${LIMITS.batchSize}`);
    if (this.behaviour.reads === 'hang') await delay('infinite');
    if (this.behaviour.reads === 'fail') return problem('internal', 500, 'The directory did not answer (mocked).');
    return HttpResponse.json({ items: ids.flatMap((id) => find(id) ?? []) });
  }

  /** `GET /profiles?ids=`: the cards of a page in one request. */
  private profiles(url: URL): Promise<Response> {
    return this.listed(url, (id) => {
      const found = this.profileOf(id);
      if (found && this.behaviour.live) this.liveTimer ??= setInterval(() => this.colleagueFollows(id), 3000);
      return found;
    });
  }

  private async profile(id: string): Promise<Response> {
    if (this.behaviour.reads === 'hang') await delay('infinite');
    if (this.behaviour.reads === 'fail') return problem('internal', 500, 'The directory did not answer (mocked).');
    const found = this.profileOf(id);
    if (!found) return problem('notFound', 404, 'Nobody in the directory has this id.');
    if (this.behaviour.live) this.liveTimer ??= setInterval(() => this.colleagueFollows(id), 3000);
    return HttpResponse.json(found);
  }

  private follow(id: string, active: boolean): Response {
    const reader = this.links.me().user;
    if (!reader) return problem('unauthenticated', 401, 'Sign in to follow someone.');
    if (!this.profileOf(id)) return problem('notFound', 404, 'Nobody in the directory has this id.');
    if (id === reader.id) return problem('validation', 400, 'You cannot follow yourself.');
    if (this.behaviour.follows === 'fail') return problem('internal', 503, 'The directory is restarting (mocked).');
    this.change(id, reader.id, active);
    return HttpResponse.json(this.profileOf(id));
  }

  private change(id: string, followerId: string, active: boolean): void {
    const set = this.followersOf(id);
    if (set.has(followerId) === active) return;
    if (active) set.add(followerId);
    else set.delete(followerId);
    const followers = this.profileOf(id)!.followers;
    this.links.publish({ type: 'follow.changed', topic: topics.person(id), person: id, actor: followerId, active, followers });
  }

  /** In the live scenario: one colleague after another starts following the person on the card. */
  private colleagueFollows(id: string): void {
    const next = colleagues.find((p) => p.id !== id && p.id !== this.links.me().user?.id && !this.followersOf(id).has(p.id));
    if (next) this.change(id, next.id, true);
    else clearInterval(this.liveTimer);
  }

  private profileOf(id: string): Profile | undefined {
    const person = lookup(id);
    if (!person) return undefined;
    const set = this.followersOf(id);
    const following = [...this.follows.values()].filter((s) => s.has(id)).length;
    const readerId = this.links.me().user?.id;
    return { ...person, manager: managerOf[id] ?? null, followers: (seedFollowers[id] ?? 0) + set.size, following, followedByMe: !!readerId && set.has(readerId) };
  }

  private followersOf(id: string): Set<string> {
    let set = this.follows.get(id);
    if (!set) this.follows.set(id, (set = new Set()));
    return set;
  }
}
