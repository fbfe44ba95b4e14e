import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Comment, CommentThread, ErasureReceipt, Me, PersonalDataExport, Profile } from '../../src/core/protocol.ts';
import { call, ok, problem, reactionPath, signIn, startTestServer, threadPath, useTestServer, type TestServer } from './harness.ts';

/**
 * What one person leaves behind in a thread: a comment someone answered, a
 * reply to someone else, a reaction, a follow in each direction and a report.
 */
async function leaveTraces(server: TestServer, key: string) {
  const niklas = await signIn(server, 'niklas.braun');
  const heike = await signIn(server, 'heike.wolf');
  const post = (cookie: string, json: unknown) => ok<Comment>(call(server, threadPath(key), { method: 'POST', cookie, json }));
  const answered = await post(niklas, { text: 'Wer organisiert das Grillen?' });
  const answer = await post(heike, { text: 'Ich, wie jedes Jahr.', parentId: answered.id });
  const other = await post(heike, { text: 'Salate bitte bis Donnerstag melden.' });
  const reply = await post(niklas, { text: 'Ich bringe Nudelsalat.', parentId: other.id });
  await ok(call(server, reactionPath(`comment:${other.id}`, 'like'), { method: 'PUT', cookie: niklas }));
  await ok(call(server, '/people/heike.wolf/follow', { method: 'PUT', cookie: niklas }));
  await ok(call(server, '/people/niklas.braun/follow', { method: 'PUT', cookie: heike }));
  await ok(call(server, `/comments/${other.id}/reports`, { method: 'POST', cookie: niklas, json: { reason: 'Nur ein Test' } }));
  return { niklas, heike, answered, answer, other, reply };
}

/**
 * Rows anywhere that still point at the person. The one event that may name
 * them is their `person.erased`, which tells open pages to drop them; it
 * leaves the log with the log's retention (PLAZA_RETENTION_EVENTS_DAYS).
 */
async function rowsAbout(server: TestServer, id: string): Promise<number> {
  const [row] = await server.db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM people WHERE id = $1) + (SELECT count(*) FROM sessions WHERE person_id = $1)
      + (SELECT count(*) FROM reactions WHERE person_id = $1) + (SELECT count(*) FROM follows WHERE $1 IN (follower_id, followee_id))
      + (SELECT count(*) FROM comments WHERE author_id = $1) + (SELECT count(*) FROM reports WHERE reporter_id = $1)
      + (SELECT count(*) FROM idempotency_keys WHERE person_id = $1)
      + (SELECT count(*) FROM activities WHERE $1 IN (actor_id, subject_id))
      + (SELECT count(*) FROM events WHERE payload::text LIKE '%' || $1 || '%' AND type <> 'person.erased') AS n`,
    [id],
  );
  return Number(row!.n);
}

describe('privacy: export and erasure (PLAZA_ERASE_MODE=anonymise, the default)', () => {
  const server = useTestServer();

  test('the export is a JSON file of everything the person wrote, reacted, followed and reported', async () => {
    const traces = await leaveTraces(server, 'page:/news/export');
    const res = await call(server, '/me/export', { cookie: traces.niklas });
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="plaza-export-niklas\.braun-\d{4}-\d{2}-\d{2}\.json"$/);
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    const data = await ok<PersonalDataExport>(res);
    assert.equal(data.format, 'plaza-export/1');
    assert.equal(data.person.id, 'niklas.braun');
    const texts = data.comments.map((c) => c.text);
    assert.ok(texts.includes('Wer organisiert das Grillen?') && texts.includes('Ich bringe Nudelsalat.'));
    assert.ok(texts.some((t) => t.startsWith('Weil ich letztes Jahr')), 'the seeded comment too');
    assert.ok(data.comments.every((c) => !('author' in c)));
    assert.ok(data.reactions.some((r) => r.target === `comment:${traces.other.id}` && r.kind === 'like'));
    assert.deepEqual(data.following.map((f) => f.person.id), ['heike.wolf']);
    assert.deepEqual(data.reports.map((r) => [r.commentId, r.reason]), [[traces.other.id, 'Nur ein Test']]);
    assert.equal((await problem(call(server, '/me/export'), 401)).status, 401);
  });

  test('erasing anonymises: comments stay without author, replies stay, nothing else about the person does', async () => {
    const key = 'page:/news/anonymise';
    const traces = await leaveTraces(server, key);
    const res = await call(server, '/me', { method: 'DELETE', cookie: traces.niklas });
    const receipt = await ok<ErasureReceipt>(res);
    assert.equal(receipt.mode, 'anonymise');
    assert.ok(receipt.comments >= 3, 'two here and the seeded one');
    assert.ok(receipt.reactions >= 1);
    assert.deepEqual([receipt.follows, receipt.reports], [1, 2], 'one follow; the report here and the one from the export test');
    assert.match(res.headers.getSetCookie()[0] ?? '', /^plaza_session=;.*Max-Age=0/i);
    assert.equal((await ok<Me>(call(server, '/me', { cookie: traces.niklas }))).user, null, 'the session is gone');

    const page = await ok<CommentThread>(call(server, threadPath(key, '/comments?sort=oldest')));
    const [answered, other] = page.items;
    assert.deepEqual([answered!.author, answered!.text, answered!.state], [null, 'Wer organisiert das Grillen?', 'published']);
    assert.deepEqual(answered!.replies.map((r) => r.author?.id), ['heike.wolf'], "others' replies stay");
    assert.deepEqual(other!.replies.map((r) => [r.author, r.text]), [[null, 'Ich bringe Nudelsalat.']]);
    assert.equal(other!.reactions.counts.like, 0, 'the reaction went');
    assert.equal(page.count, 4);

    await problem(call(server, '/people/niklas.braun'), 404);
    assert.deepEqual(
      [(await ok<Profile>(call(server, '/people/heike.wolf'))).followers, (await ok<Profile>(call(server, '/people/heike.wolf'))).following],
      [0, 0],
    );
    assert.equal(await rowsAbout(server, 'niklas.braun'), 0);
  });
});

describe('privacy: erasure with PLAZA_ERASE_MODE=delete', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ eraseMode: 'delete' });
  });
  after(async () => {
    await server.close();
    assert.deepEqual(server.errors, []);
  });

  test('deleting: texts go, an answered comment stays as a placeholder, replies by others stay', async () => {
    const key = 'page:/news/delete-me';
    const traces = await leaveTraces(server, key);
    const receipt = await ok<ErasureReceipt>(call(server, '/me', { method: 'DELETE', cookie: traces.niklas }));
    assert.deepEqual([receipt.mode, receipt.follows, receipt.reports], ['delete', 1, 1]);

    const page = await ok<CommentThread>(call(server, threadPath(key, '/comments?sort=oldest')));
    const [answered, other] = page.items;
    assert.deepEqual([answered!.state, answered!.author, answered!.text], ['deleted', null, '']);
    assert.deepEqual(answered!.replies.map((r) => r.text), ['Ich, wie jedes Jahr.']);
    assert.deepEqual(other!.replies, [], 'an unanswered reply disappears');
    assert.equal(page.count, 2);
    const [stored] = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM comments WHERE body LIKE '%Nudelsalat%' OR body LIKE '%Grillen%'");
    assert.equal(stored!.n, 0, 'the texts are gone from the database');
    assert.equal(await rowsAbout(server, 'niklas.braun'), 0);
  });
});
