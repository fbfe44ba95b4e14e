import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { topics, type Activity, type CommentRecord } from '../../src/core/protocol.ts';
import type { PlazaOptions } from '../../server/config.ts';
import { call, ok, reactionPath, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';
import { freshDatabase, skipPostgres } from './postgres-server.ts';
import { isEvent, openSse, type SseClient } from './sse.ts';

const DAY_MS = 86_400_000;
/** Every kind kept 10 days, the event log 12 (so the purge's own announcements outlive the run that makes them). */
const TEN_DAYS: Partial<PlazaOptions> = {
  retentionCommentsDays: 10,
  retentionReactionsDays: 10,
  retentionActivitiesDays: 10,
  retentionReportsDays: 10,
  retentionAuditDays: 10,
  retentionSessionsDays: 10,
  retentionEventsDays: 12,
  retentionNotificationsDays: 10,
  retentionDeliveriesDays: 10,
};

/** One item of every kind, written now through the API; the ids to look for afterwards. */
async function writeOneOfEach(server: TestServer, thread: string) {
  const author = await signIn(server, 'dennis.krause');
  const moderator = await signIn(server, 'julia.schmitt');
  const comment = await ok<CommentRecord>(call(server, threadPath(thread), { method: 'POST', cookie: author, json: { text: 'Alt genug zum Löschen' } }));
  const reply = await ok<CommentRecord>(call(server, threadPath(thread), { method: 'POST', cookie: moderator, json: { text: 'Antwort', parentId: comment.id } }));
  const reported = await ok<CommentRecord>(call(server, threadPath(thread), { method: 'POST', cookie: author, json: { text: 'Gemeldet' } }));
  await ok(call(server, `/comments/${reported.id}/reports`, { method: 'POST', cookie: moderator, json: { reason: 'Test' } }));
  await ok(call(server, `/comments/${reported.id}/hidden`, { method: 'PUT', cookie: moderator })); // handles the report, records the action
  await ok(call(server, reactionPath(thread, 'like'), { method: 'PUT', cookie: author }));
  await ok(call(server, '/people/marie.klein/follow', { method: 'PUT', cookie: author }));
  const post = await ok<Activity>(call(server, '/activities', { method: 'POST', cookie: author, json: { text: 'Statusmeldung' } }));
  // A mail that went out and one given up on, as the outbox leaves them (mail is not set up here), and one still to go.
  const queue = `test:${thread}`;
  for (const status of ['sent', 'failed', 'pending']) {
    await server.db.query(`INSERT INTO deliveries (id, channel, recipient, dedupe_key, payload, status) VALUES ($1, 'email', 'dennis.krause', $1, '{}', $2)`, [`${queue}:${status}`, status]);
  }
  return { comment, reply, reported, post, queue };
}

/** What is left of what `writeOneOfEach` wrote, read behind the server's back. */
async function leftOf(server: TestServer, written: Awaited<ReturnType<typeof writeOneOfEach>>, thread: string, since: Date) {
  const n = async (sql: string, params: unknown[]) => (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
  const ids = [written.comment.id, written.reply.id, written.reported.id];
  return {
    comments: await n(`comments WHERE id = ANY($1::text[]) AND deleted_at IS NULL AND author_id IS NOT NULL AND body <> ''`, [ids]),
    statusPosts: await n(`activities WHERE id = $1`, [written.post.id]),
    reactions: await n(`reactions WHERE target = $1`, [thread]),
    activities: await n(`activities WHERE kind <> 'status' AND actor_id = 'dennis.krause' AND created_at >= $1`, [since]),
    reports: await n(`reports WHERE comment_id = $1`, [written.reported.id]),
    audit: await n(`moderation_audit WHERE target = $1`, [`comment:${written.reported.id}`]),
    sessions: await n(`sessions WHERE person_id IN ('dennis.krause', 'julia.schmitt') AND created_at >= $1`, [since]),
    events: await n(`events WHERE created_at >= $1`, [since]),
    // Julia's reply told Dennis; Dennis's follow told Marie.
    notifications: await n(`notifications WHERE (recipient_id, kind) IN (('dennis.krause', 'reply'), ('marie.klein', 'follow')) AND created_at >= $1`, [since]),
    deliveries: await n(`deliveries WHERE dedupe_key LIKE $1 || ':%' AND status <> 'pending'`, [written.queue]),
    pendingDeliveries: await n(`deliveries WHERE dedupe_key = $1 || ':pending'`, [written.queue]),
  };
}

const allThere = { comments: 3, statusPosts: 1, reactions: 1, activities: 4, reports: 1, audit: 1, sessions: 2, notifications: 2, deliveries: 2, pendingDeliveries: 1 };
/** A mail still to go stays whatever its age. */
const noneLeft = { comments: 0, statusPosts: 0, reactions: 0, activities: 0, reports: 0, audit: 0, sessions: 0, notifications: 0, deliveries: 0, pendingDeliveries: 1 };

/**
 * The purge with a fake clock: nothing written now is touched 9 days from
 * now, everything is gone 11 days from now (the event log 13), and open
 * pages hear of it.
 */
function purgeStory(start: () => Promise<TestServer[]>) {
  return async () => {
    const servers = await start();
    const [a, b = a] = servers;
    try {
      const thread = `page:/news/retention-${Date.now()}`;
      const since = new Date(Date.now() - 1000);
      const written = await writeOneOfEach(a!, thread);
      const at = (days: number) => new Date(Date.now() + days * DAY_MS);
      await Promise.all(servers.map((server) => server.retention.settled()));

      const early = await a!.retention.run(at(9));
      assert.ok(early, 'the purge ran');
      const { events: eventsBefore, ...kept } = await leftOf(a!, written, thread, since);
      assert.deepEqual(kept, allThere, 'nothing is removed before its retention');
      assert.ok(eventsBefore > 0);

      const stream: SseClient = await openSse(`${b!.api}/events?topics=${encodeURIComponent(topics.comments(thread))}`);
      const bell: SseClient = await openSse(`${b!.api}/events?topics=${encodeURIComponent(topics.notifications())}`, { cookie: await signIn(b!, 'marie.klein') });
      try {
        await stream.next((m) => m.retry !== undefined);
        await bell.next((m) => m.event === 'ready');
        // Every instance purges at once; exactly one does the work.
        const runs = await Promise.all(servers.map((server) => server.retention.run(at(11))));
        const done = runs.filter((run) => run !== null);
        assert.equal(done.length, 1, `one instance purged: ${JSON.stringify(runs)}`);
        for (const kind of ['comments', 'reactions', 'activities', 'reports', 'audit', 'sessions', 'notifications', 'deliveries'] as const) assert.ok(done[0]![kind] > 0, kind);
        const { events: eventsAfter, ...gone } = await leftOf(a!, written, thread, since);
        assert.deepEqual(gone, noneLeft, 'everything is removed after its retention');
        assert.ok(eventsAfter > 0, 'the event log keeps its own 12 days');

        // Open pages drop the comments, on whichever instance they are connected to.
        const deleted = new Set<string>();
        while (![written.comment.id, written.reply.id, written.reported.id].every((id) => deleted.has(id))) {
          const message = await stream.next((m) => isEvent(m) && m.event === 'comment.deleted' && !deleted.has((JSON.parse(m.data!) as { id: string }).id));
          deleted.add((JSON.parse(message.data!) as { id: string }).id);
        }
        // Marie's open bell drops the follow notification that expired.
        const withdrawn = await bell.next((m) => m.event === 'notification.withdrawn');
        assert.equal((JSON.parse(withdrawn.data!) as { unread: number }).unread, 0);
      } finally {
        stream.close();
        bell.close();
      }
      const thread0 = await ok<{ items: CommentRecord[] }>(call(b!, threadPath(thread)));
      assert.deepEqual(thread0.items, [], 'the thread reads empty: the placeholders had no replies left');

      const last = await a!.retention.run(at(13));
      assert.ok(last && last.events > 0);
      assert.equal((await leftOf(a!, written, thread, since)).events, 0, 'the event log after its 12 days');
      for (const server of servers) assert.deepEqual(server.errors, []);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  };
}

describe('retention purge', () => {
  test('on PGlite: every kind kept before its retention and removed after it', purgeStory(async () => [await startTestServer(TEN_DAYS)]));

  test('on PostgreSQL with two instances: one purges, both serve the result', { skip: skipPostgres }, purgeStory(async () => {
    const databaseUrl = await freshDatabase();
    return [await startTestServer({ ...TEN_DAYS, databaseUrl }), await startTestServer({ ...TEN_DAYS, databaseUrl })];
  }));

  test('0 days keeps a kind for good; expired sessions go whatever the setting', async () => {
    const server = await startTestServer({});
    try {
      const thread = `page:/news/keep-${Date.now()}`;
      const since = new Date(Date.now() - 1000);
      const written = await writeOneOfEach(server, thread);
      await server.retention.settled();
      await server.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE person_id = 'julia.schmitt'`);
      const counts = await server.retention.run(new Date(Date.now() + 100 * DAY_MS));
      assert.ok(counts);
      const left = await leftOf(server, written, thread, since);
      assert.deepEqual({ comments: left.comments, statusPosts: left.statusPosts, sessions: left.sessions }, { comments: 3, statusPosts: 1, sessions: 1 });
      assert.deepEqual(server.errors, []);
    } finally {
      await server.close();
    }
  });

  test('a purge that fails gives its lease back, so the next one runs; what it removed before is in the error', async () => {
    const server = await startTestServer(TEN_DAYS);
    try {
      await server.retention.settled();
      // The audit purger comes after comments, reactions, activities and reports: it finds no table.
      await server.db.query('ALTER TABLE moderation_audit RENAME TO moderation_audit_away');
      await assert.rejects(server.retention.run(), (error: Error) => {
        assert.match(error.message, /^The retention purge stopped \(removed before that: 0 comments, 0 reactions, 0 activities, 0 reports, 0 audit/);
        assert.match(String((error.cause as Error).message), /moderation_audit/);
        return true;
      });
      await server.db.query('ALTER TABLE moderation_audit_away RENAME TO moderation_audit');
      assert.ok(await server.retention.run(), 'the lease is free again, not held for its hour');
      assert.deepEqual(server.errors, []);
    } finally {
      await server.close();
    }
  });
});
