import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_PRIVACY_OPTIONS } from '../../server/config/privacy.ts';
import { mentionMarkdown, type Comment, type PersonalDataExport, type Profile } from '../../src/core/protocol.ts';
import { fillPath, GET_ROUTES, KEY } from './get-routes.ts';
import { call, ok, reactionPath, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';

/**
 * Issue 19, item 2: `PLAZA_PROFILE_FIELDS`. With the default (no e-mail, no
 * phone), no answer to a colleague carries another person's e-mail address
 * or phone number: every GET route of the document is walked (as in
 * read-access-walk.test.ts) plus searches, batches, reports, the realtime
 * poll's replay and the follow answer, after the colleague has commented,
 * mentioned, reacted and followed. The person's own entry is whole, and so is
 * their export.
 */

const VIEWER = 'sophie.hartmann';
const MODERATOR = 'katharina.weber';
/** Seeded contact details look like `lea.neumann@stadtwerke-musterstadt.example` and `+49 5555 1204`. */
const EMAIL = /[\w.-]+@stadtwerke-musterstadt\.example/g;
const PHONE = /\+49 5555[\d -]*/g;

/** Every e-mail and phone number in `text` but those of `own` (the reader's own). */
function othersContacts(text: string, own: readonly string[]): string[] {
  return [...(text.match(EMAIL) ?? []), ...(text.match(PHONE) ?? [])].filter((found) => !own.includes(found.trim()));
}

/** The reader's own e-mail and phone, which their own answers (/me, their card) carry. */
async function ownContacts(server: TestServer, cookie: string): Promise<string[]> {
  const { user } = await ok<{ user: Profile }>(call(server, '/me', { cookie }));
  return [user.email ?? '', user.phone ?? ''];
}

describe('PLAZA_PROFILE_FIELDS by default: colleagues see no e-mail or phone anywhere', () => {
  let server: TestServer;
  let viewer = '';
  let moderator = '';
  let commentId = '';
  let ownPhone = '';

  before(async () => {
    server = await startTestServer({ ...DEFAULT_PRIVACY_OPTIONS, readAccess: 'signed-in' });
    viewer = await signIn(server, VIEWER);
    moderator = await signIn(server, MODERATOR);
    const lea = await signIn(server, 'lea.neumann');
    // Behaviour that puts people into answers: a comment with a mention, a reply, reactions, a follow, a report.
    const text = `Danke ${mentionMarkdown({ id: 'juergen.mueller', name: 'Jürgen Müller' })}`;
    commentId = (await ok<Comment>(call(server, threadPath(KEY), { method: 'POST', cookie: lea, json: { text } }))).id;
    await ok(call(server, threadPath(KEY), { method: 'POST', cookie: viewer, json: { text: 'Antwort', parentId: commentId } }));
    await ok(call(server, reactionPath(KEY, 'like'), { method: 'PUT', cookie: lea }));
    await ok(call(server, reactionPath(KEY, 'like'), { method: 'PUT', cookie: viewer }));
    await ok(call(server, '/people/lea.neumann/follow', { method: 'PUT', cookie: viewer }));
    const report = await call(server, `/comments/${encodeURIComponent(commentId)}/reports`, { method: 'POST', cookie: viewer, json: { reason: 'Test' } });
    assert.ok(report.ok, await report.text());
    ownPhone = (await ok<Profile>(call(server, `/people/${VIEWER}`, { cookie: viewer }))).phone ?? '';
  });
  after(async () => {
    await server?.close();
    assert.deepEqual(server?.errors, []);
  });

  test('every GET route of the document, and the searches and batches the elements make', async () => {
    const paths = Object.entries(GET_ROUTES)
      // The stream never ends, the export is the person's own, and a token route names nobody without its token.
      .filter(([path, { access }]) => path !== '/events' && path !== '/me/export' && access !== 'token')
      .map(([path, { query }]) => `${fillPath(path, commentId)}${query ? `?${query}` : ''}`);
    const topics = ['activities:all', `activities:user:${VIEWER}`, 'activities:user:lea.neumann', `comments:${KEY}`, `reactions:${KEY}`, 'people:lea.neumann'];
    paths.push(
      '/people?q=m&limit=50',
      '/people?ids=lea.neumann,juergen.mueller,ayse.demir,katharina.weber',
      '/profiles?ids=lea.neumann,juergen.mueller,ayse.demir',
      '/activities?scope=user:lea.neumann',
      `/events/poll?within=60&${topics.map((topic) => `topics=${encodeURIComponent(topic)}`).join('&')}`,
    );
    for (const [cookie, name] of [[viewer, VIEWER], [moderator, MODERATOR]] as const) {
      const own = await ownContacts(server, cookie);
      for (const path of paths) {
        const response = await call(server, path, { cookie });
        const body = await response.text();
        // A colleague is refused the moderators' pages; the moderator's walk reads them.
        assert.ok(response.ok || (name === VIEWER && response.status === 403), `${name} GET ${path}: ${response.status} ${body}`);
        assert.deepEqual(othersContacts(body, own), [], `${name} GET ${path}`);
      }
    }
    const followed = await call(server, '/people/lea.neumann/follow', { method: 'PUT', cookie: viewer });
    assert.deepEqual(othersContacts(await followed.text(), await ownContacts(server, viewer)), [], 'the answer of a follow');
  });

  test('the walk finds addresses where they are: the person\'s own card, /me and the export keep them', async () => {
    const card = await ok<Profile>(call(server, `/people/${VIEWER}`, { cookie: viewer }));
    assert.equal(card.email, `${VIEWER}@stadtwerke-musterstadt.example`);
    assert.match(ownPhone, /^\+49 5555/);
    const me = await ok<{ user: Profile }>(call(server, '/me', { cookie: viewer }));
    assert.equal(me.user.email, card.email);
    const exported = await ok<PersonalDataExport>(call(server, '/me/export', { cookie: viewer }));
    assert.equal(exported.person.phone, ownPhone);
    // The export keeps everything, the people one follows included.
    assert.ok(exported.following.some(({ person }) => person.email === 'lea.neumann@stadtwerke-musterstadt.example'));
  });

  test('the fields listed show; those not listed (e-mail, phone) are null', async () => {
    const lea = await ok<Profile>(call(server, '/people/lea.neumann', { cookie: viewer }));
    assert.equal(lea.email, null);
    assert.equal(lea.phone, null);
    assert.ok(lea.department, 'department is listed by default');
    assert.ok(lea.manager, 'manager is listed by default');
  });
});

describe('PLAZA_PROFILE_FIELDS with e-mail listed, without manager', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ ...DEFAULT_PRIVACY_OPTIONS, profileFields: ['role', 'email'] });
  });
  after(async () => {
    await server?.close();
    assert.deepEqual(server?.errors, []);
  });

  test('the card shows the e-mail, and nothing unlisted', async () => {
    const viewer = await signIn(server, VIEWER);
    const lea = await ok<Profile>(call(server, '/people/lea.neumann', { cookie: viewer }));
    assert.equal(lea.email, 'lea.neumann@stadtwerke-musterstadt.example');
    assert.equal(lea.phone, null);
    assert.equal(lea.department, null);
    assert.equal(lea.avatarUrl, null);
    assert.equal(lea.manager, null);
    assert.ok(lea.role);
  });
});
