import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_PRIVACY_OPTIONS, type ReadAccess } from '../../server/config/privacy.ts';
import { PROBLEM_TYPES, type Comment } from '../../src/core/protocol.ts';
import { fillPath, GET_ROUTES, KEY, type Access } from './get-routes.ts';
import { call, ok, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';

/**
 * Issue 19, item 1: `PLAZA_READ_ACCESS`. Every GET route of the OpenAPI
 * document the server serves is called as nobody, a colleague and a
 * moderator, under `public` and `signed-in`, with the real privacy defaults
 * otherwise. A route the table below does not name fails the walk: a new
 * route is classified here (and, if it must stay open, in
 * server/middleware/read-access.ts with its reason) before it can ship.
 */

type Role = 'anonymous' | 'colleague' | 'moderator';
const ROLES: Role[] = ['anonymous', 'colleague', 'moderator'];

function expected(access: Access, setting: ReadAccess, role: Role): { status: number; type?: string } {
  if (access === 'open') return { status: 200 };
  if (access === 'token') return { status: 400 };
  if (role === 'anonymous') {
    if (setting === 'signed-in') return { status: 401, type: PROBLEM_TYPES.signInToRead };
    return access === 'read' ? { status: 200 } : { status: 401, type: PROBLEM_TYPES.unauthenticated };
  }
  if (access === 'moderator' && role === 'colleague') return { status: 403, type: PROBLEM_TYPES.forbidden };
  return { status: 200 };
}

for (const setting of ['public', 'signed-in'] as const) {
  describe(`PLAZA_READ_ACCESS=${setting}: every GET route of the OpenAPI document`, () => {
    let server: TestServer;
    const cookies: Record<Role, string> = { anonymous: '', colleague: '', moderator: '' };
    let commentId = '';

    before(async () => {
      server = await startTestServer({ ...DEFAULT_PRIVACY_OPTIONS, readAccess: setting });
      cookies.colleague = await signIn(server, 'sophie.hartmann');
      cookies.moderator = await signIn(server, 'katharina.weber');
      commentId = (await ok<Comment>(call(server, threadPath(KEY), { method: 'POST', cookie: cookies.colleague, json: { text: 'Walk' } }))).id;
    });
    after(async () => {
      await server?.close();
      assert.deepEqual(server?.errors, []);
    });


    test('the walk knows every GET route the document lists, and each answers as its class says', async () => {
      const document = await ok<{ paths: Record<string, Record<string, unknown>> }>(call(server, '/openapi.json'));
      const gets = Object.entries(document.paths).filter(([, operations]) => 'get' in operations).map(([path]) => path);
      const unknown = gets.filter((path) => !(path in GET_ROUTES));
      assert.deepEqual(unknown, [], 'new GET routes: classify them in GET_ROUTES (test/server/get-routes.ts) (and in server/middleware/read-access.ts if open)');
      assert.ok(gets.length >= Object.keys(GET_ROUTES).length - 1, `the document lists ${gets.length} GET routes`);
      for (const path of gets) {
        const { access, query } = GET_ROUTES[path]!;
        for (const role of ROLES) {
          const url = `${fillPath(path, commentId)}${query ? `?${query}` : ''}`;
          const response = await call(server, url, { cookie: cookies[role] || undefined });
          const want = expected(access, setting, role);
          // The event stream never ends: its status and headers are the answer.
          const stream = response.headers.get('content-type')?.startsWith('text/event-stream');
          const body = stream ? '' : await response.text();
          if (stream) await response.body?.cancel();
          assert.equal(response.status, want.status, `${role} GET ${url}: ${body}`);
          if (want.type) {
            assert.equal(response.headers.get('content-type'), 'application/problem+json', `${role} GET ${url}`);
            assert.equal((JSON.parse(body) as { type: string }).type, want.type, `${role} GET ${url}`);
          }
        }
      }
    });

    test('the document says which reads need sign-in', async () => {
      const document = await ok<{ paths: Record<string, { get?: { responses: Record<string, { description?: string }> } }> }>(call(server, '/openapi.json'));
      for (const [path, { access }] of Object.entries(GET_ROUTES)) {
        const said = document.paths[path]?.get?.responses['401']?.description?.includes('sign-in-to-read') ?? false;
        assert.equal(said, access !== 'open' && access !== 'token' && setting === 'signed-in', `GET ${path}: its 401 (sign-in-to-read) documented`);
      }
    });

    test('adding topics to a stream is a read: refused to nobody under signed-in', async () => {
      const response = await call(server, '/events/abc/topics', { method: 'POST', json: { add: [`comments:${KEY}`] } });
      assert.equal(response.status, setting === 'signed-in' ? 401 : 404);
      await response.body?.cancel();
    });

    test('outside the API, health, the reference and the demo answer everyone', async () => {
      for (const path of ['/healthz', '/api/docs', '/demo/']) {
        const response = await fetch(server.url + path.slice(1));
        await response.body?.cancel();
        assert.equal(response.status, 200, path);
      }
      const library = await fetch(`${server.url}dist/plaza.js`);
      await library.body?.cancel();
      assert.notEqual(library.status, 401, 'the library is never behind sign-in (404 where it is not built)');
    });
  });
}

describe('PLAZA_AUTH=proxy reads signed in by default', () => {
  let server: TestServer;
  before(async () => {
    // readAccess undefined: the mode's default applies.
    server = await startTestServer({ ...DEFAULT_PRIVACY_OPTIONS, readAccess: undefined, auth: 'proxy', trustedProxies: ['127.0.0.1', '::ffff:127.0.0.1', '::1'] });
  });
  after(async () => {
    await server?.close();
    assert.deepEqual(server?.errors, []);
  });

  test('nobody gets 401 problem+json for people, activities, threads, who-reacted and the event stream; the proxy header gets 200', async () => {
    const reads = [
      '/people?q=mue',
      '/activities?scope=all',
      threadPath(KEY),
      `/reactions/${encodeURIComponent(KEY)}/like/people`,
      `/events?topics=${encodeURIComponent(`comments:${KEY}`)}`,
    ];
    for (const path of reads) {
      const anonymous = await call(server, path);
      assert.equal(anonymous.status, 401, path);
      assert.equal(anonymous.headers.get('content-type'), 'application/problem+json', path);
      assert.equal(((await anonymous.json()) as { type: string }).type, PROBLEM_TYPES.signInToRead, path);
      const signedIn = await call(server, path, { headers: { 'X-Remote-User': 'lea.neumann' } });
      assert.equal(signedIn.status, 200, path);
      await signedIn.body?.cancel();
    }
  });
});
