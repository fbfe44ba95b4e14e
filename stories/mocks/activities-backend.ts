import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { PROBLEM_TYPES, topics, type Activity, type Me, type Person, type Problem, type RealtimeEvent } from '../../src/core/protocol.ts';
import { markdownToHtml } from '../../server/markdown/render.ts';
import { ayse, jonas, klausDieter, lena, mehmet, petra, sophie, thomas } from '../../test/fixtures/index.ts';

/*
 * The activity routes of protocol v1 for Storybook (`GET /activities`,
 * `POST /activities`, `DELETE /activities/{id}`), per scenario like the other
 * mocks that plaza-backend.ts mounts at every scenario's endpoint. It pages
 * newest first with an opaque cursor, filters by `kinds`, and answers
 * `following` signed out with 401.
 */

export interface ActivityBehaviour {
  reads?: 'hang' | 'fail';
  /** Nothing has happened yet. */
  empty?: boolean;
  /** A colleague posts every few seconds. */
  live?: boolean;
  /** Every status post answers 503, so the client retries, then gives the text back. */
  posts?: 'fail';
  /** Every delete answers 503, so the client retries, then the post stays with the reason. */
  deletes?: 'fail';
}

export const activityBehaviours = {
  loaded: {},
  empty: { empty: true },
  many: {},
  slow: { reads: 'hang' },
  'load-error': { reads: 'fail' },
  'write-refused': {},
  'custom-kinds': {},
  live: { live: true },
  'post-fails': { posts: 'fail', deletes: 'fail' },
  closed: {},
  moderated: {},
  'no-mail': {},
} satisfies Record<string, ActivityBehaviour>;

const HOUR = 3_600_000;
const CANTEEN = { url: 'https://intranet.stadtwerke-musterstadt.example/news/kantine', title: 'Neue Speisekarte in der Kantine' };

function activity(id: string, kind: Activity['kind'], actor: Person, hoursAgo: number, more: Partial<Activity> = {}): Activity {
  const text = more.text ?? '';
  return {
    id, kind, actor, createdAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(), text, html: markdownToHtml(text), mentions: [], space: null,
    target: null, commentId: null, reaction: null, subject: null, reactions: null, ...more,
  };
}

const status = (id: string, actor: Person, hoursAgo: number, text: string, mentions: string[] = []) =>
  activity(id, 'status', actor, hoursAgo, { text, mentions, reactions: { target: `activity:${id}`, counts: { like: 3, celebrate: 1 }, mine: [] } });

/** A morning at the Stadtwerke: posts, a comment, three reactions to one page (grouped), a follow, a new colleague. */
export function fixtureActivities(): Activity[] {
  const onCanteen = { key: 'page:/news/kantine', page: CANTEEN };
  return [
    status('01JFEED0000000000000000010', petra, 0.2, 'Die neue **Kantinen-App** ist online. Danke an @[Jonas Becker](person:u-jonas-becker) fürs Testen!', [jonas.id]),
    activity('01JFEED0000000000000000009', 'comment', ayse, 1, { text: 'Gibt es die Gemüselasagne jetzt *jeden* Dienstag?', target: onCanteen, commentId: '01JCOMMENT0000000000000001' }),
    activity('01JFEED0000000000000000008', 'reaction', mehmet, 2, { target: onCanteen, reaction: 'like' }),
    activity('01JFEED0000000000000000007', 'reaction', lena, 2.5, { target: onCanteen, reaction: 'love' }),
    activity('01JFEED0000000000000000006', 'reaction', klausDieter, 3, { target: onCanteen, reaction: 'like' }),
    status('01JFEED0000000000000000011', jonas, 4, 'Bin heute bis 14 Uhr im Umspannwerk Ost, danach wieder im Büro.'),
    activity('01JFEED0000000000000000005', 'follow', jonas, 5, { subject: petra }),
    activity('01JFEED0000000000000000004', 'joined', sophie, 26),
    status('01JFEED0000000000000000003', thomas, 30, 'Glückwunsch an das Team Wasser zur erfolgreichen Rezertifizierung!'),
    status('01JFEED0000000000000000002', klausDieter, 50, 'Rohrnetzspülung in der Weststadt heute ab 22 Uhr.'),
    activity('01JFEED0000000000000000001', 'joined', lena, 24 * 9),
  ];
}

export interface ActivityMockLinks {
  me: () => Me;
  publish: (event: RealtimeEvent) => void;
}

/** One scenario's feed, in memory. */
export class ActivityMock {
  private items: Activity[];
  private liveTimer: ReturnType<typeof setInterval> | undefined;
  private serial = 100;

  constructor(
    private readonly behaviour: ActivityBehaviour,
    private readonly links: ActivityMockLinks,
  ) {
    this.items = behaviour.empty ? [] : fixtureActivities();
  }

  handlers(at: (path: string) => string): HttpHandler[] {
    return [
      http.get(at('/activities'), ({ request }) => this.page(new URL(request.url))),
      http.post(at('/activities'), async ({ request }) => this.post((await request.json()) as { text?: string })),
      http.delete(at('/activities/:id'), ({ params }) => this.remove(String(params.id))),
    ];
  }

  private async page(url: URL): Promise<Response> {
    if (this.behaviour.reads === 'hang') await delay('infinite');
    if (this.behaviour.reads === 'fail') return problem('internal', 500, 'The feed did not answer (mocked).');
    const scope = url.searchParams.get('scope') ?? 'all';
    const reader = this.links.me().user;
    if (scope === 'following' && !reader) return problem('unauthenticated', 401, 'Sign in to see the activities of the people you follow.');
    if (this.behaviour.live) this.liveTimer ??= setInterval(() => this.colleaguePosts(), 4000);
    const kinds = (url.searchParams.get('kinds') ?? '').split(',').filter(Boolean);
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const from = Number(url.searchParams.get('cursor') ?? 0);
    const matching = this.items.filter(
      (item) => (!kinds.length || kinds.includes(item.kind)) && (!scope.startsWith('user:') || item.actor?.id === scope.slice(5)),
    );
    const items = matching.slice(from, from + limit);
    return HttpResponse.json({ items, nextCursor: from + limit < matching.length ? String(from + limit) : null });
  }

  private async post(body: { text?: string }): Promise<Response> {
    const reader = this.links.me().user;
    if (!reader) return problem('unauthenticated', 401, 'Sign in to post.');
    if (this.behaviour.posts === 'fail') return problem('internal', 503, 'The feed is restarting (mocked).');
    if (!body.text?.trim()) return problem('validation', 400, 'text: must not be empty');
    await delay(400);
    const created = status(`01JFEEDNEW${String(this.serial++).padStart(16, '0')}`, reader, 0, body.text);
    this.add(created);
    return HttpResponse.json(created, { status: 201 });
  }

  /** Deletes a status post of the reader's (any, for a moderator), as the server does. */
  private async remove(id: string): Promise<Response> {
    const me = this.links.me();
    if (!me.user) return problem('unauthenticated', 401, 'Sign in to delete.');
    if (this.behaviour.deletes === 'fail') return problem('internal', 503, 'The feed is restarting (mocked).');
    const found = this.items.find((item) => item.id === id);
    if (!found) return problem('notFound', 404, 'There is no such activity (or it was deleted).');
    if (found.kind !== 'status' || (found.actor?.id !== me.user.id && !me.can.moderate)) {
      return problem('forbidden', 403, 'Only its author or a moderator can delete a status post.');
    }
    await delay(400);
    this.items = this.items.filter((item) => item !== found);
    for (const scope of ['all', `user:${found.actor!.id}`] as const) {
      this.links.publish({ type: 'activity.deleted', topic: topics.activities(scope), id });
    }
    return new HttpResponse(null, { status: 204 });
  }

  private colleaguePosts(): void {
    this.add(status(`01JFEEDLIVE${String(this.serial++).padStart(15, '0')}`, ayse, 0, 'Der Aufzug im Verwaltungsgebäude fährt wieder. 🎉'));
  }

  private add(created: Activity): void {
    this.items = [created, ...this.items];
    for (const scope of ['all', `user:${created.actor!.id}`] as const) {
      this.links.publish({ type: 'activity.created', topic: topics.activities(scope), activity: created, actor: created.actor!.id });
    }
  }
}

function problem(kind: 'validation' | 'unauthenticated' | 'forbidden' | 'notFound' | 'internal', status: number, detail: string): Response {
  const titles = {
    validation: 'The request is not valid',
    unauthenticated: 'Sign-in required',
    forbidden: 'Forbidden',
    notFound: 'Not found',
    internal: 'Internal server error',
  };
  const body: Problem = { type: PROBLEM_TYPES[kind], title: titles[kind], status, detail };
  return HttpResponse.json(body, { status, headers: { 'content-type': 'application/problem+json' } });
}
