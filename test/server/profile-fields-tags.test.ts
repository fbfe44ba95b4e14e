import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BehaviourRules } from '../../server/behaviour-rules.ts';
import { DEFAULT_PRIVACY_OPTIONS, type ProfileField } from '../../server/config/privacy.ts';
import { mentionMarkdown, topics, type Activity, type Comment, type CommentThread, type Person, type RealtimeEvent } from '../../src/core/protocol.ts';
import { fillPath, GET_ROUTES, KEY } from './get-routes.ts';
import { call, ok, reactionPath, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';

/**
 * Decision 185: name tags (a comment's author, a feed's actor and subject, a
 * notification's actors, the moderation log's moderator) carry `role` only
 * when `PLAZA_PROFILE_FIELDS` lists `role`, and the picture only when it lists
 * `avatar`, the same for every reader. With neither listed, no answer and no
 * event to a colleague or a moderator carries another person's role or
 * picture: every GET route of the document is walked, with the realtime
 * poll's replay of every topic the behaviour below filled, and the answers of
 * the writes that return a comment or an activity.
 */

const VIEWER = 'sophie.hartmann';
const MODERATOR = 'katharina.weber';
const PICTURES = 'https://bilder.stadtwerke-musterstadt.example/';

/** Every object in `value` that names a person other than `own` and has a role or picture. */
function othersRolesAndPictures(value: unknown, own: string, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => othersRolesAndPictures(item, own, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const found =
    typeof record.id === 'string' && record.id !== own && ((record.role ?? null) !== null || (record.avatarUrl ?? null) !== null)
      ? [`${path}: ${JSON.stringify({ id: record.id, role: record.role, avatarUrl: record.avatarUrl })}`]
      : [];
  return [...found, ...Object.entries(record).flatMap(([key, inner]) => othersRolesAndPictures(inner, own, `${path}.${key}`))];
}

/** An answer's body as JSON (the SSE-free routes all answer JSON, or CSV for the audit, which names people by id). */
async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  return response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
}

interface Scene {
  server: TestServer;
  viewer: string;
  moderator: string;
  commentId: string;
  /** Answers of writes, as their writers got them. */
  writes: Array<[string, unknown]>;
}

/** A server with `profileFields`, everyone pictured, and behaviour that puts people into every kind of answer. */
async function scene(profileFields: ProfileField[]): Promise<Scene> {
  const server = await startTestServer({ ...DEFAULT_PRIVACY_OPTIONS, readAccess: 'signed-in', whoReacted: 'names', personalFeed: 'all', followersVisible: 'all', profileFields });
  await server.db.query(`UPDATE people SET avatar_url = $1 || id || '.jpg'`, [PICTURES]);
  const viewer = await signIn(server, VIEWER);
  const moderator = await signIn(server, MODERATOR);
  const lea = await signIn(server, 'lea.neumann');
  const writes: Array<[string, unknown]> = [];
  const text = `Danke ${mentionMarkdown({ id: VIEWER, name: 'Sophie Hartmann' })} und ${mentionMarkdown({ id: 'juergen.mueller', name: 'Jürgen Müller' })}`;
  const comment = await ok<Comment>(call(server, threadPath(KEY), { method: 'POST', cookie: lea, json: { text } }));
  writes.push(['POST comment', comment]);
  await ok(call(server, threadPath(KEY), { method: 'POST', cookie: viewer, json: { text: 'Antwort', parentId: comment.id } }));
  const edited = await ok<Comment>(call(server, `/comments/${comment.id}`, { method: 'PATCH', cookie: lea, json: { text: `${text}!`, version: comment.version } }));
  writes.push(['PATCH comment', edited]);
  await ok(call(server, reactionPath(`comment:${comment.id}`, 'like'), { method: 'PUT', cookie: lea }));
  await ok(call(server, '/people/sophie.hartmann/follow', { method: 'PUT', cookie: lea }));
  writes.push(['POST status', await ok<Activity>(call(server, '/activities', { method: 'POST', cookie: lea, json: { text: 'Guten Morgen' } }))]);
  const other = await ok<Comment>(call(server, threadPath(KEY), { method: 'POST', cookie: lea, json: { text: 'Wird ausgeblendet' } }));
  const report = await call(server, `/comments/${other.id}/reports`, { method: 'POST', cookie: viewer, json: { reason: 'Test' } });
  assert.ok(report.ok, await report.text());
  writes.push(['PUT hidden', await ok(call(server, `/comments/${other.id}/hidden`, { method: 'PUT', cookie: moderator, json: {} }))]);
  return { server, viewer, moderator, commentId: comment.id, writes };
}

/** The GET paths of the document (the stream and the export aside), and the poll of every topic the scene filled. */
function walkedPaths(commentId: string): string[] {
  const paths = Object.entries(GET_ROUTES)
    .filter(([path, { access }]) => path !== '/events' && path !== '/me/export' && access !== 'token')
    .map(([path, { query }]) => `${fillPath(path, commentId)}${query ? `?${query}` : ''}`);
  const polled = [
    'activities:all',
    'activities:following',
    'activities:user:lea.neumann',
    topics.comments(KEY),
    topics.reactions(`comment:${commentId}`),
    topics.person('lea.neumann'),
    topics.person(VIEWER),
    topics.notifications(),
  ];
  paths.push(
    '/activities?scope=all',
    '/activities?scope=user:lea.neumann',
    `/events/poll?within=60&${polled.map((topic) => `topics=${encodeURIComponent(topic)}`).join('&')}`,
  );
  return paths;
}

describe('PLAZA_PROFILE_FIELDS without role and avatar: name tags carry neither', () => {
  let s: Scene;
  before(async () => {
    s = await scene(['department', 'location', 'manager']);
  });
  after(async () => {
    await s?.server.close();
    assert.deepEqual(s?.server.errors, []);
  });

  test('every GET route, the poll of every topic, for a colleague and a moderator', async () => {
    for (const [cookie, id] of [[s.viewer, VIEWER], [s.moderator, MODERATOR]] as const) {
      for (const path of walkedPaths(s.commentId)) {
        const response = await call(s.server, path, { cookie });
        const body = await bodyOf(response);
        assert.ok(response.ok || (id === VIEWER && response.status === 403), `${id} GET ${path}: ${response.status} ${JSON.stringify(body)}`);
        assert.deepEqual(othersRolesAndPictures(body, id), [], `${id} GET ${path}`);
        const pictures = JSON.stringify(body).match(/https:\/\/bilder\.[^"]+/g) ?? [];
        assert.deepEqual(pictures.filter((url) => url !== `${PICTURES}${id}.jpg`), [], `${id} GET ${path}`);
      }
    }
  });

  test('the poll did replay the events a tag is in (the walk saw them)', async () => {
    const poll = await ok<{ events: Array<{ event: RealtimeEvent }> }>(call(s.server, walkedPaths(s.commentId).at(-1)!, { cookie: s.viewer }));
    const types = new Set(poll.events.map(({ event }) => event.type));
    for (const type of ['comment.created', 'comment.updated', 'activity.created', 'notification.created'] as const) assert.ok(types.has(type), `no ${type} in ${[...types].join(', ')}`);
  });

  test('the answers of writes: a posted and an edited comment, a status post, a hidden comment', () => {
    for (const [what, body] of s.writes) assert.deepEqual(othersRolesAndPictures(body, ''), [], what);
  });

  test('the reader\'s own card and /me keep role and picture; a colleague\'s card shows only what is listed', async () => {
    const me = await ok<{ user: Person }>(call(s.server, '/me', { cookie: s.viewer }));
    assert.ok(me.user.role);
    assert.equal(me.user.avatarUrl, `${PICTURES}${VIEWER}.jpg`);
    const lea = await ok<Person>(call(s.server, '/people/lea.neumann', { cookie: s.viewer }));
    assert.equal(lea.role, null);
    assert.equal(lea.avatarUrl, null);
    assert.ok(lea.department);
  });
});

describe('PLAZA_PROFILE_FIELDS with role and avatar listed (the default): name tags carry both', () => {
  let s: Scene;
  before(async () => {
    s = await scene(DEFAULT_PRIVACY_OPTIONS.profileFields);
  });
  after(async () => {
    await s?.server.close();
    assert.deepEqual(s?.server.errors, []);
  });

  test('the walk would see them: the thread, the feed and the poll show the author\'s role and picture', async () => {
    const thread = await ok<CommentThread>(call(s.server, threadPath(KEY), { cookie: s.viewer }));
    const author = thread.items.find((item) => item.id === s.commentId)!.author!;
    assert.ok(author.role);
    assert.equal(author.avatarUrl, `${PICTURES}lea.neumann.jpg`);
    const poll = await ok<{ events: unknown[] }>(call(s.server, walkedPaths(s.commentId).at(-1)!, { cookie: s.viewer }));
    assert.notDeepEqual(othersRolesAndPictures(poll, VIEWER), []);
    assert.notDeepEqual(othersRolesAndPictures(s.writes, ''), []);
  });
});

describe('the event outlet (BehaviourRules.event) applies PLAZA_PROFILE_FIELDS to events logged whole', () => {
  const person: Person = {
    id: 'lea.neumann',
    name: 'Lea Neumann',
    role: 'Referentin',
    department: 'Personal',
    location: 'Hauptverwaltung',
    email: 'lea.neumann@stadtwerke-musterstadt.example',
    phone: '+49 5555 1204',
    avatarUrl: `${PICTURES}lea.neumann.jpg`,
  };
  const updated: RealtimeEvent = { type: 'person.updated', topic: topics.person(person.id), person };
  const rules = (viewer: string | null) => new BehaviourRules({ ...DEFAULT_PRIVACY_OPTIONS, profileFields: ['department'] }, viewer);

  test('a changed person reaches a colleague with the listed fields only, and themself whole', () => {
    const seen = rules(VIEWER).event(updated);
    assert.deepEqual(seen, { ...updated, person: { ...person, role: null, location: null, email: null, phone: null, avatarUrl: null } });
    assert.deepEqual(rules(person.id).event(updated), updated);
  });
});
