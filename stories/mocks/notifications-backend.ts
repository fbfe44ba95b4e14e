import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import type { Me, NotificationPage, NotificationSettings, PersonTag, PlazaNotification } from '../../src/core/protocol.ts';
import { ayse, employee, jonas, klausDieter, lena, mehmet, petra, thomas } from '../../test/fixtures/index.ts';
import { problem } from './plaza-backend.ts';

/**
 * `GET /notifications` and `POST /notifications/read` for Storybook (issue 20): Jonas Becker's
 * inbox after a morning at the Stadtwerke, newest first, some of it unread, one bundle of reactions.
 */
export interface NotificationBehaviour {
  reads?: 'hang' | 'fail';
  empty?: boolean;
  /** 120 unread: the badge says 99+. */
  many?: boolean;
  /** A server without e-mail or Teams: the settings offer the list and off only, and default to the list. */
  noMail?: boolean;
}

export const notificationBehaviours = {
  loaded: {},
  empty: { empty: true },
  many: { many: true },
  slow: { reads: 'hang' },
  'load-error': { reads: 'fail' },
  'write-refused': {},
  'custom-kinds': {},
  live: {},
  'post-fails': {},
  closed: {},
  moderated: {},
  'no-mail': { noMail: true },
} satisfies Record<string, NotificationBehaviour>;

const HOUR = 3_600_000;
const CANTEEN = 'https://intranet.stadtwerke-musterstadt.example/news/kantine';
const hoursBefore = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR).toISOString();
const onPage = (title: string, url: string) => ({ page: { url: url.replace(/#.*/, ''), title }, permalink: url });
const tag = ({ id, name, role, avatarUrl }: PersonTag): PersonTag => ({ id, name, role, avatarUrl });

function notification(id: string, kind: PlazaNotification['kind'], actors: PersonTag[], hoursAgo: number, more: Partial<PlazaNotification> = {}): PlazaNotification {
  return {
    id, kind, actors: actors.map(tag), count: actors.length, target: null, thread: null, page: null, permalink: null, excerpt: '',
    createdAt: hoursBefore(hoursAgo), updatedAt: hoursBefore(hoursAgo), readAt: null, ...more,
  };
}

export function fixtureNotifications(): PlazaNotification[] {
  const read = new Date(Date.now() - 20 * HOUR).toISOString();
  return [
    notification('n7', 'mention', [petra], 0.2, { ...onPage('Kantinen-App', `${CANTEEN}#comment-n7`), excerpt: 'Danke an Jonas Becker fürs Testen!' }),
    notification('n6', 'reaction', [mehmet, lena, klausDieter, ayse, thomas], 1, { count: 5, ...onPage('Neue Speisekarte in der Kantine', `${CANTEEN}#comment-1`) }),
    notification('n5', 'reply', [ayse], 2, { ...onPage('Neue Speisekarte in der Kantine', `${CANTEEN}#comment-2`), excerpt: 'Gibt es die Gemüselasagne jetzt jeden Dienstag?' }),
    notification('n4', 'follow', [lena], 27, { readAt: read }),
    notification('n3', 'followed-post', [petra], 30, { excerpt: 'Glückwunsch an das Team Wasser zur Rezertifizierung!', readAt: read }),
    notification('n2', 'mention', [thomas], 24 * 4, { ...onPage('Betriebsausflug 2026', '/news/betriebsausflug-2026#comment-9'), excerpt: 'Jonas, kannst du die Busse organisieren?', readAt: read }),
  ];
}

export interface NotificationMockLinks {
  me: () => Me;
}

/** One scenario's inbox, in memory. */
export class NotificationMock {
  private items: PlazaNotification[];
  /** The server's defaults with mail and Teams configured: mentions and replies at once, the rest in the digest. */
  private settings: NotificationSettings = {
    kinds: { mention: 'email', reply: 'email', reaction: 'digest', follow: 'digest', 'followed-post': 'off', report: 'digest' },
    channels: ['in-app', 'email', 'digest', 'teams', 'off'],
  };

  constructor(
    private readonly behaviour: NotificationBehaviour,
    private readonly links: NotificationMockLinks,
  ) {
    this.items = behaviour.empty ? [] : behaviour.many ? manyNotifications() : fixtureNotifications();
    if (behaviour.noMail) {
      this.settings = {
        kinds: { mention: 'in-app', reply: 'in-app', reaction: 'in-app', follow: 'in-app', 'followed-post': 'off', report: 'in-app' },
        channels: ['in-app', 'off'],
      };
    }
  }

  handlers(at: (path: string) => string): HttpHandler[] {
    return [
      http.get(at('/notifications'), ({ request }) => this.page(new URL(request.url))),
      http.post(at('/notifications/read'), async ({ request }) => this.read((await request.json()) as { ids?: string[]; all?: boolean })),
      http.get(at('/me/notification-settings'), () => HttpResponse.json(this.settings)),
      http.put(at('/me/notification-settings'), async ({ request }) => {
        const { kinds } = (await request.json()) as Partial<NotificationSettings>;
        this.settings = { ...this.settings, kinds: { ...this.settings.kinds, ...kinds } };
        return HttpResponse.json(this.settings);
      }),
    ];
  }

  private async page(url: URL): Promise<Response> {
    if (!this.links.me().user) return problem('unauthenticated', 401, 'Sign in to see your notifications.');
    if (this.behaviour.reads === 'hang') await delay('infinite');
    if (this.behaviour.reads === 'fail') return problem('internal', 500, 'The notifications database did not answer (mocked).');
    const limit = Number(url.searchParams.get('limit') ?? 20) || 20;
    const offset = Number(url.searchParams.get('cursor') ?? 0) || 0;
    const body: NotificationPage = {
      items: this.items.slice(offset, offset + limit),
      nextCursor: offset + limit < this.items.length ? String(offset + limit) : null,
      unread: this.unread(),
    };
    return HttpResponse.json(body);
  }

  private read({ ids, all }: { ids?: string[]; all?: boolean }): Response {
    if (!this.links.me().user) return problem('unauthenticated', 401, 'Sign in to mark notifications read.');
    const now = new Date().toISOString();
    const chosen = new Set(ids ?? []);
    this.items = this.items.map((item) => (item.readAt || !(all || chosen.has(item.id)) ? item : { ...item, readAt: now }));
    return HttpResponse.json({ unread: this.unread() });
  }

  private unread(): number {
    return this.items.filter((item) => !item.readAt).length;
  }
}

function manyNotifications(): PlazaNotification[] {
  return Array.from({ length: 120 }, (_, i) =>
    notification(`m${i}`, i % 3 === 0 ? 'mention' : i % 3 === 1 ? 'reply' : 'reaction', [employee(i), jonas], i * 0.7, {
      count: i % 3 === 2 ? 2 + (i % 7) : 1,
      ...onPage('Neue Speisekarte in der Kantine', `${CANTEEN}#comment-${i}`),
    }),
  );
}
