import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PROBLEM_TYPES, type Activity, type Comment, type ModerationAudit, type ModerationAuditEntry, type PersonalDataExport } from '../../src/core/protocol.ts';
import { parseCsv } from '../../server/cli/csv.ts';
import { optionsFromEnv } from '../../server/config.ts';
import { AUDIT_CSV_COLUMNS } from '../../server/moderation-audit-csv.ts';
import { call, ok, problem, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';

/**
 * The audit log of moderation (issue 19, item 6): what moderators did, read by
 * moderators and auditors only, filtered, paged and exported, kept when the
 * moderator is erased. docs/datenschutz/ names these tests.
 */
describe('moderation audit log', () => {
  let server: TestServer;
  let author: string;
  let employee: string;
  let auditor: string;
  let moderator: string;
  before(async () => {
    server = await startTestServer({ auditors: ['anna.lehmann'] });
    author = await signIn(server, 'dennis.krause');
    employee = await signIn(server, 'marie.klein');
    auditor = await signIn(server, 'anna.lehmann');
    moderator = await signIn(server, 'julia.schmitt');
  });
  after(async () => {
    await server.close();
    assert.deepEqual(server.errors, []);
  });

  const post = (key: string, text: string, cookie = author) => ok<Comment>(call(server, threadPath(key), { method: 'POST', cookie, json: { text } }));
  const audit = (query: string, cookie = auditor) => ok<ModerationAudit>(call(server, `/moderation/audit${query}`, { cookie }));
  const moderate = (path: string, method: 'PUT' | 'DELETE', reason?: string, cookie = moderator) =>
    ok<unknown>(call(server, path, { method, cookie, json: reason === undefined ? undefined : { reason } }));

  test('a hide by a moderator is recorded and readable by an auditor, and invisible to others', async () => {
    const key = 'page:/audit/hide';
    const comment = await post(key, 'Der Kollege aus der Buchhaltung ist ein Idiot.');
    await ok(call(server, `/comments/${comment.id}/reports`, { method: 'POST', cookie: employee, json: { reason: 'Beleidigung' } }));
    await moderate(`/comments/${comment.id}/hidden`, 'PUT', 'Persönlicher Angriff');

    const { items } = await audit(`?target=${encodeURIComponent(`comment:${comment.id}`)}`);
    assert.equal(items.length, 1);
    const entry = items[0]!;
    assert.deepEqual(
      { action: entry.action, target: entry.target, threadKey: entry.threadKey, actor: entry.actor, reason: entry.reason, snapshot: entry.snapshot },
      {
        action: 'hide',
        target: `comment:${comment.id}`,
        threadKey: key,
        actor: { id: 'julia.schmitt', name: 'Julia Schmitt' },
        reason: 'Persönlicher Angriff',
        snapshot: { authorId: 'dennis.krause', excerpt: 'Der Kollege aus der Buchhaltung ist ein Idiot.', reportsResolved: 1 },
      },
    );
    assert.ok(Math.abs(Date.parse(entry.createdAt) - Date.now()) < 60_000, 'when it happened');

    const res = await call(server, '/moderation/audit', { cookie: auditor });
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    assert.equal((await problem(call(server, '/moderation/audit'), 401)).type, PROBLEM_TYPES.unauthenticated, 'anonymous');
    assert.equal((await problem(call(server, '/moderation/audit', { cookie: employee }), 403)).type, PROBLEM_TYPES.forbidden, 'an employee');
    assert.equal((await problem(call(server, '/moderation/audit', { cookie: author }), 403)).type, PROBLEM_TYPES.forbidden, 'the author');
    assert.ok((await audit('', moderator)).items.some((e) => e.id === entry.id), 'moderators read it too');
  });

  test('the auditor reads but cannot moderate', async () => {
    const comment = await post('page:/audit/auditor-rights', 'Hallo');
    for (const [path, method] of [
      [`/comments/${comment.id}/hidden`, 'PUT'],
      [`/comments/${comment.id}`, 'DELETE'],
      [threadPath('page:/audit/auditor-rights', '/closed'), 'PUT'],
      ['/moderation/reports', 'GET'],
    ] as const) {
      assert.equal((await problem(call(server, path, { method, cookie: auditor }), 403)).type, PROBLEM_TYPES.forbidden, `${method} ${path}`);
    }
    const me = await ok<{ can: { moderate: boolean } }>(call(server, '/me', { cookie: auditor }));
    assert.equal(me.can.moderate, false);
  });

  test('every kind of act is recorded, and only acts on others\' content', async () => {
    const key = 'page:/audit/every-act';
    const [first, second, own] = [await post(key, 'Erster'), await post(key, 'Zweiter'), await post(key, 'Eigener', moderator)];
    await ok(call(server, `/comments/${second.id}/reports`, { method: 'POST', cookie: employee, json: { reason: 'Spam?' } }));
    await moderate(`/comments/${first.id}/hidden`, 'PUT');
    await moderate(`/comments/${first.id}/hidden`, 'PUT'); // again: nothing changes, nothing recorded
    await moderate(`/comments/${first.id}/hidden`, 'DELETE');
    await moderate(`/comments/${second.id}/hidden`, 'DELETE', 'Kein Spam'); // a visible comment: its report dismissed
    await moderate(`/comments/${second.id}`, 'DELETE', 'Doppelt gepostet');
    await moderate(`/comments/${own.id}`, 'DELETE'); // the moderator's own words: no moderation
    await moderate(threadPath(key, '/closed'), 'PUT', 'Diskussion beendet');
    await moderate(threadPath(key, '/closed'), 'DELETE');
    const status = await ok<Activity>(call(server, '/activities', { method: 'POST', cookie: author, json: { text: '=HYPERLINK("x") Feierabend!' } }));
    assert.equal((await call(server, `/activities/${status.id}`, { method: 'DELETE', cookie: moderator, json: { reason: 'Werbung' } })).status, 204);

    const { items } = await audit(`?thread=${encodeURIComponent(key)}`);
    assert.deepEqual(
      items.map((e) => [e.action, e.target, e.reason, e.snapshot.reportsResolved]).reverse(),
      [
        ['hide', `comment:${first.id}`, null, 0],
        ['restore', `comment:${first.id}`, null, 0],
        ['dismiss', `comment:${second.id}`, 'Kein Spam', 1],
        ['delete', `comment:${second.id}`, 'Doppelt gepostet', 0],
        ['close', key, 'Diskussion beendet', 0],
        ['reopen', key, null, 0],
      ],
    );
    assert.equal(items.find((e) => e.action === 'delete')!.snapshot.excerpt, 'Zweiter', 'a deleted comment\'s words are kept as they were');
    const [deletedPost] = (await audit(`?target=${encodeURIComponent(`activity:${status.id}`)}`)).items;
    assert.deepEqual([deletedPost?.action, deletedPost?.threadKey, deletedPost?.snapshot.authorId, deletedPost?.reason], ['delete', null, 'dennis.krause', 'Werbung']);
  });

  test('filters by actor, action, target, thread and time combine', async () => {
    const key = 'page:/audit/filters';
    const comment = await post(key, 'Filter mich');
    const other = await signIn(server, 'katharina.weber');
    await moderate(`/comments/${comment.id}/hidden`, 'PUT', undefined, other);
    await moderate(`/comments/${comment.id}/hidden`, 'DELETE');
    const ids = (page: ModerationAudit) => page.items.map((e) => [e.action, e.actor.id]);
    const thread = `thread=${encodeURIComponent(key)}`;
    assert.deepEqual(ids(await audit(`?${thread}&actor=katharina.weber`)), [['hide', 'katharina.weber']]);
    assert.deepEqual(ids(await audit(`?${thread}&action=restore`)), [['restore', 'julia.schmitt']]);
    assert.deepEqual(ids(await audit(`?${thread}&actor=katharina.weber&action=restore`)), []);
    const past = new Date(Date.now() - 3_600_000).toISOString();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    assert.equal((await audit(`?${thread}&from=${past}&to=${future}`)).items.length, 2);
    assert.equal((await audit(`?${thread}&from=${future}`)).items.length, 0);
    assert.equal((await audit(`?${thread}&to=${past}`)).items.length, 0);
    for (const bad of ['action=ban', 'from=gestern', 'limit=0', 'cursor=abc', 'format=xml']) {
      assert.equal((await problem(call(server, `/moderation/audit?${bad}`, { cookie: auditor }), 400)).type, PROBLEM_TYPES.validation, bad);
    }
  });

  test('pages newest first through the cursor, each entry once', async () => {
    const key = 'page:/audit/paging';
    const comment = await post(key, 'Hin und her');
    for (let i = 0; i < 3; i++) {
      await moderate(`/comments/${comment.id}/hidden`, 'PUT');
      await moderate(`/comments/${comment.id}/hidden`, 'DELETE');
    }
    const seen: ModerationAuditEntry[] = [];
    let cursor: string | null = null;
    do {
      const page: ModerationAudit = await audit(`?thread=${encodeURIComponent(key)}&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(page.items.length <= 4);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    assert.equal(seen.length, 6);
    assert.equal(new Set(seen.map((e) => e.id)).size, 6);
    assert.deepEqual(seen.map((e) => e.action), ['restore', 'hide', 'restore', 'hide', 'restore', 'hide']);
    assert.deepEqual([...seen.map((e) => Number(e.id))], [...seen.map((e) => Number(e.id))].sort((a, b) => b - a));
  });

  test('exports as CSV for ?format=csv and for Accept: text/csv, formulas defused', async () => {
    const key = 'page:/audit/csv';
    const comment = await post(key, '=SUMME(A1:A9); "zitiert"\nzweite Zeile');
    await moderate(`/comments/${comment.id}/hidden`, 'PUT', '@alle: bitte sachlich');
    for (const [query, headers] of [[`?format=csv&thread=${encodeURIComponent(key)}`, {}], [`?thread=${encodeURIComponent(key)}`, { accept: 'text/csv' }]] as const) {
      const res = await call(server, `/moderation/audit${query}`, { cookie: auditor, headers });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="moderation-audit\.csv"/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark, for Excel');
      const text = new TextDecoder().decode(bytes);
      const [header, ...rows] = parseCsv(text).map((record) => record.fields);
      assert.deepEqual(header, [...AUDIT_CSV_COLUMNS]);
      assert.equal(rows.length, 1);
      const row = Object.fromEntries(header!.map((name, i) => [name, rows[0]![i]]));
      assert.equal(row.action, 'hide');
      assert.equal(row.actorId, 'julia.schmitt');
      assert.equal(row.reason, "'@alle: bitte sachlich", 'a cell starting with @ cannot run as a formula');
      assert.equal(row.excerpt, `'=SUMME(A1:A9); "zitiert"\nzweite Zeile`);
      assert.equal(row.target, `comment:${comment.id}`);
    }
    await problem(call(server, '/moderation/audit?format=csv', { cookie: employee }), 403);
  });

  test('a moderator\'s export of their data holds what they did as a moderator', async () => {
    const key = 'page:/audit/export';
    const comment = await post(key, 'Exportiere mich');
    await moderate(`/comments/${comment.id}/hidden`, 'PUT', 'Für den Export');
    const data = await ok<PersonalDataExport>(call(server, '/me/export', { cookie: moderator }));
    const mine = data.moderation.find((entry) => entry.target === `comment:${comment.id}`);
    assert.deepEqual([mine?.action, mine?.actor.id, mine?.reason], ['hide', 'julia.schmitt', 'Für den Export']);
    assert.ok(data.moderation.every((entry) => entry.actor.id === 'julia.schmitt'), 'only their own acts');
    assert.deepEqual((await ok<PersonalDataExport>(call(server, '/me/export', { cookie: employee }))).moderation, []);
  });

  test('the record survives the moderator being erased; the author\'s erasure follows PLAZA_ERASE_MODE', async () => {
    const key = 'page:/audit/erasure';
    const leaving = await signIn(server, 'katharina.weber');
    const comment = await post(key, 'Bald weg');
    await moderate(`/comments/${comment.id}/hidden`, 'PUT', 'Test', leaving);
    await ok(call(server, '/me', { method: 'DELETE', cookie: leaving }));
    await ok(call(server, '/me', { method: 'DELETE', cookie: author }));
    const [entry] = (await audit(`?thread=${encodeURIComponent(key)}`)).items;
    assert.deepEqual(entry?.actor, { id: 'katharina.weber', name: 'Katharina Weber' }, 'a works council still learns who acted');
    assert.deepEqual(entry?.snapshot, { authorId: null, excerpt: 'Bald weg', reportsResolved: 0 }, 'anonymise: the author goes, the words stay like the comment');
    assert.equal((await audit(`?actor=katharina.weber&thread=${encodeURIComponent(key)}`)).items.length, 1, 'found by the erased moderator\'s id');
  });

  test('erasure with PLAZA_ERASE_MODE=delete takes the author\'s words out of the snapshots too', async () => {
    const other = await startTestServer({ auditors: ['anna.lehmann'], eraseMode: 'delete' });
    try {
      const writer = await signIn(other, 'dennis.krause');
      const comment = await ok<Comment>(call(other, threadPath('page:/audit/delete'), { method: 'POST', cookie: writer, json: { text: 'Weg damit' } }));
      await ok(call(other, `/comments/${comment.id}/hidden`, { method: 'PUT', cookie: await signIn(other, 'julia.schmitt') }));
      await ok(call(other, '/me', { method: 'DELETE', cookie: writer }));
      const [entry] = (await ok<ModerationAudit>(call(other, '/moderation/audit', { cookie: await signIn(other, 'anna.lehmann') }))).items;
      assert.deepEqual([entry?.action, entry?.actor.id, entry?.snapshot], ['hide', 'julia.schmitt', { authorId: null, excerpt: null, reportsResolved: 0 }]);
    } finally {
      await other.close();
    }
    assert.deepEqual(other.errors, []);
  });
});

describe('auditor settings', () => {
  test('PLAZA_AUDITORS lists auditors and PLAZA_OIDC_AUDITOR_ROLE names their role; both unset by default', () => {
    assert.deepEqual(optionsFromEnv({ PLAZA_AUDITORS: ' anna.lehmann, betriebsrat ' }).auditors, ['anna.lehmann', 'betriebsrat']);
    assert.equal(optionsFromEnv({ PLAZA_OIDC_AUDITOR_ROLE: 'plaza-audit' }).oidcAuditorRole, 'plaza-audit');
    const unset = optionsFromEnv({});
    assert.deepEqual([unset.auditors, unset.oidcAuditorRole], [undefined, undefined]);
  });
});
