import { http, HttpResponse, type HttpHandler } from 'msw';
import { LIMITS, topics, type Comment, type CommentRecord, type Me, type Person, type RealtimeEvent, type Report, type ThreadSummary } from '../../src/core/protocol.ts';
import { colleagues } from '../../test/fixtures/index.ts';
import { problem } from './comments-backend.ts';

/**
 * What the comment mock needs besides its own routes for mentions, reports
 * and moderation, as the reference server does them: people search
 * (`GET /people?q=`), `POST /comments/{id}/reports` (again: the reason is
 * replaced), `PUT|DELETE /comments/{id}/hidden` and `PUT|DELETE
 * /threads/{key}/closed` for moderators, each announced on the thread's topic.
 */
export interface ModerationMockAccess {
  me(): Me;
  find(id: string): CommentRecord | undefined;
  count(key: string): number;
  isClosed(key: string): boolean;
  setClosed(key: string, closed: boolean): void;
  /** The comment as the signed-in reader sees it, with its reactions. */
  shown(comment: CommentRecord): Comment;
  publish(event: RealtimeEvent): void;
}

export function commentModerationHandlers(at: (path: string) => string, mock: ModerationMockAccess): HttpHandler[] {
  const reports = new Map<string, Report>();
  let nextReport = 0;

  const moderator = (): Response | undefined => {
    const me = mock.me();
    if (!me.user) return problem('unauthenticated', 401, 'Sign in to do this.');
    return me.can.moderate ? undefined : problem('forbidden', 403, 'Only moderators may do this.');
  };

  const hide = (id: string, hidden: boolean): Response => {
    const refused = moderator();
    if (refused) return refused;
    const comment = mock.find(id);
    if (!comment || comment.state === 'deleted') return problem('notFound', 404, 'There is no such comment (or it was deleted).', { field: 'id' });
    if ((comment.state === 'hidden') !== hidden) {
      comment.state = hidden ? 'hidden' : 'published';
      // Events carry what every reader sees: a hidden comment without author and text.
      const publicView = hidden ? { ...comment, author: null, text: '', html: '', mentions: [] } : comment;
      const event = { type: 'comment.updated', topic: topics.comments(comment.threadKey), comment: publicView, count: mock.count(comment.threadKey) };
      mock.publish({ ...event, actor: mock.me().user!.id } as RealtimeEvent);
    }
    return HttpResponse.json(mock.shown(comment));
  };

  const close = (key: string, closed: boolean): Response => {
    const refused = moderator();
    if (refused) return refused;
    if (mock.isClosed(key) !== closed) {
      mock.setClosed(key, closed);
      mock.publish({ type: 'thread.changed', topic: topics.comments(key), key, closed, count: mock.count(key) });
    }
    const summary: ThreadSummary = { key, closed, count: mock.count(key) };
    return HttpResponse.json(summary);
  };

  return [
    // Only searches: `?ids=` falls through to the people mock.
    http.get(at('/people'), ({ request }) => {
      const url = new URL(request.url);
      const q = url.searchParams.get('q');
      if (q === null) return undefined;
      const limit = Math.min(50, Math.max(1, Number(url.searchParams.get('limit') ?? 10) || 10));
      return HttpResponse.json({ items: searchDirectory(q, limit) });
    }),
    http.post(at('/comments/:id/reports'), async ({ params, request }) => {
      const me = mock.me();
      if (!me.user) return problem('unauthenticated', 401, 'Sign in to do this.');
      const comment = mock.find(String(params.id));
      if (!comment || comment.state === 'deleted') return problem('notFound', 404, 'There is no such comment (or it was deleted).', { field: 'id' });
      const { reason } = (await request.json()) as { reason?: string };
      if (!reason?.trim() || reason.length > LIMITS.reportReasonLength) {
        return problem('validation', 400, `reason: 1 to ${LIMITS.reportReasonLength} characters`, { field: 'reason' });
      }
      const key = `${comment.id} ${me.user.id}`;
      const earlier = reports.get(key);
      const report: Report = earlier ? { ...earlier, reason } : { id: `report-${++nextReport}`, commentId: comment.id, reason, createdAt: new Date().toISOString() };
      reports.set(key, report);
      return HttpResponse.json(report, { status: earlier ? 200 : 201 });
    }),
    http.put(at('/comments/:id/hidden'), ({ params }) => hide(String(params.id), true)),
    http.delete(at('/comments/:id/hidden'), ({ params }) => hide(String(params.id), false)),
    http.put(at('/threads/:key/closed'), ({ params }) => close(String(params.key), true)),
    http.delete(at('/threads/:key/closed'), ({ params }) => close(String(params.key), false)),
  ];
}

/** Like the server: every word of the query starts a word of the name; case and accents do not matter, and "mueller" finds Müller. */
function searchDirectory(query: string, limit: number): Person[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return colleagues
    .filter((person) => {
      const name = fold(person.name);
      const nameWords = [...name.split(/[\s-]+/), ...umlautSpelling(person.name).split(/[\s-]+/)];
      return words.every((word) => nameWords.some((nameWord) => nameWord.startsWith(word)));
    })
    .slice(0, limit);
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function umlautSpelling(text: string): string {
  return fold(text.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss'));
}
