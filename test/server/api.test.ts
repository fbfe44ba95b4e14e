import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { resolveOptions } from '../../server/config.ts';
import type { Database } from '../../server/db.ts';
import { silentLogger } from '../../server/log.ts';
import type { EventBus } from '../../server/events/bus.ts';
import { createApi } from '../../server/routes/api.ts';
import { createServices } from '../../server/services.ts';
import { PROBLEM_TYPES, type Me, type Person } from '../../src/core/protocol.ts';
import { call, ok, problem, startTestServer, type TestServer } from './harness.ts';

describe('the API surface', () => {
  let server: TestServer;
  // The real demo beside a stand-in library, so this test does not depend on `npm run build`.
  const staticRoot = mkdtempSync(join(tmpdir(), 'plaza-static-'));
  before(async () => {
    symlinkSync(fileURLToPath(new URL('../../demo', import.meta.url)), join(staticRoot, 'demo'));
    mkdirSync(join(staticRoot, 'dist'));
    writeFileSync(join(staticRoot, 'dist', 'plaza.js'), 'export {};\n');
    server = await startTestServer({ staticRoot });
  });
  after(async () => {
    await server.close();
    rmSync(staticRoot, { recursive: true, force: true });
    assert.deepEqual(server.errors, []);
  });

  test('GET /me without a session: nobody, and nothing allowed', async () => {
    assert.deepEqual(await ok<Me>(call(server, '/me')), { user: null, can: { react: false, comment: false, moderate: false, seeWhoReacted: true } });
  });

  test('GET /people?ids= answers the known ones in the order asked', async () => {
    const { items } = await ok<{ items: Person[] }>(call(server, '/people?ids=juergen.mueller,%20nobody,ayse.demir,juergen.mueller'));
    assert.deepEqual(items.map((p) => p.id), ['juergen.mueller', 'ayse.demir']);
    assert.deepEqual(items[0], {
      id: 'juergen.mueller',
      name: 'Jürgen Müller',
      role: 'Leiter Netzbetrieb',
      department: 'Netzbetrieb',
      location: 'Betriebshof Süd',
      email: 'juergen.mueller@stadtwerke-musterstadt.example',
      phone: '+49 5555 1204-210',
      avatarUrl: null,
    });
    assert.equal((await problem(call(server, '/people?ids=,'), 400)).field, 'ids');
    const tooMany = Array.from({ length: 101 }, (_, i) => `p${i}`).join(',');
    assert.equal((await problem(call(server, `/people?ids=${tooMany}`), 400)).field, 'ids');
  });

  test('GET /people/{id}: the person, or a 404 problem', async () => {
    assert.equal((await ok<Person>(call(server, '/people/ayse.demir'))).name, 'Ayşe Demir');
    const missing = await problem(call(server, '/people/max.mustermann'), 404);
    assert.equal(missing.type, PROBLEM_TYPES.notFound);
    assert.equal(missing.title, 'Not found');
    assert.equal(missing.status, 404);
  });

  test('an unknown /api route is a 404 problem, not HTML', async () => {
    for (const path of ['/nothing-here', '/reactions/a/like/extra/segments']) {
      const p = await problem(call(server, path), 404);
      assert.equal(p.type, PROBLEM_TYPES.notFound);
    }
    const outside = await fetch(`${server.url}api/v2/me`);
    assert.equal(outside.status, 404);
    assert.equal(outside.headers.get('content-type'), 'application/problem+json');
  });

  test('every answer tells browsers not to guess its type: JSON, problems, the library, the demo, a 304', async () => {
    const thread = `/threads/${encodeURIComponent('page:/news/kantine')}/comments`;
    const etag = (await call(server, thread)).headers.get('etag')!;
    const answers = [
      await call(server, '/me'),
      await call(server, thread),
      await call(server, thread, { headers: { 'if-none-match': etag } }),
      await call(server, '/nothing-here'),
      await fetch(`${server.url}dist/plaza.js`),
      await fetch(`${server.url}demo/index.html`),
      await fetch(`${server.url}no-such-file`),
    ];
    assert.deepEqual(answers.map((res) => res.status), [200, 200, 304, 404, 200, 200, 404]);
    for (const res of answers) assert.equal(res.headers.get('x-content-type-options'), 'nosniff', res.url);
  });

  test('oversized bodies are refused with 413 tooLarge', async () => {
    const p = await problem(call(server, '/dev/session', { method: 'POST', json: { userId: 'x'.repeat(70_000) } }), 413);
    assert.equal(p.type, PROBLEM_TYPES.tooLarge);
  });

  test('openapi.json is OpenAPI 3.1 generated from the routes, reactions included', async () => {
    const doc = await ok<{
      openapi: string;
      servers: Array<{ url: string }>;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    }>(call(server, '/openapi.json'));
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.servers, [{ url: '/api/v1' }]);
    for (const path of ['/me', '/people', '/people/{id}', '/reactions', '/reactions/{target}/{kind}', '/reactions/{target}/{kind}/people', '/events', '/threads/{key}/comments', '/comments/{id}', '/me/export']) {
      assert.ok(doc.paths[path], `documents ${path}`);
    }
    assert.deepEqual(Object.keys(doc.paths['/reactions/{target}/{kind}']!).sort(), ['delete', 'put']);
    assert.ok(doc.paths['/reactions/{target}/{kind}']!.put!.responses['401'], 'errors are documented too');
    for (const schema of ['Person', 'Me', 'ReactionSummary', 'ReactionBatch', 'ReactionPeople', 'Problem', 'ReactionChangedEvent', 'CommentThread', 'CommentConflict', 'Profile', 'RealtimeEvent']) {
      assert.ok(doc.components.schemas[schema], `has schema ${schema}`);
    }
  });

  test('every route the API serves is in openapi.json', async () => {
    const doc = await ok<{ paths: Record<string, Record<string, unknown>> }>(call(server, '/openapi.json'));
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    // The same router the server runs, built beside it: its route table is the truth.
    const api = createApi(createServices({ db: {} as Database, bus: {} as EventBus, options: resolveOptions({ auth: 'dev' }, silentLogger) }));
    const served = api.routes
      .filter((route) => route.method !== 'ALL' && route.path !== '/openapi.json')
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    assert.ok(served.length >= 25, `found ${served.length} routes`);
    assert.deepEqual([...new Set(served)].sort(), [...new Set(documented)].sort());
  });

  test('the API reference page works offline: no script, nothing from elsewhere, every route listed', async () => {
    const res = await fetch(`${server.url}api/docs`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.match(res.headers.get('content-security-policy') ?? '', /^default-src 'none'; style-src 'sha256-/);
    const html = await res.text();
    assert.match(html, /href="\/api\/v1\/openapi\.json"/);
    assert.doesNotMatch(html, /<script|<link|src=/i, 'no scripts, stylesheets or images to load');
    assert.doesNotMatch(html, /(?:href|src)="https?:/i, 'no CDN');
    const doc = await ok<{ paths: Record<string, unknown> }>(call(server, '/openapi.json'));
    for (const path of Object.keys(doc.paths)) assert.ok(html.includes(`<code>${path}</code>`), `lists ${path}`);
    assert.match(html, /id="schema-CommentThread"/);
  });

  test('the library is served to pages on any origin (module scripts are fetched with CORS)', async () => {
    const res = await fetch(`${server.url}dist/plaza.js`, { headers: { origin: 'https://intranet.example' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /javascript/);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal((await fetch(`${server.url}dist/nothing.js`)).status, 404);
  });

  test('/ leads to the demo, which is served with a strict CSP', async () => {
    const root = await fetch(server.url, { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/demo/');

    const demo = await fetch(`${server.url}demo/`);
    assert.equal(demo.status, 200);
    const csp = demo.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await demo.text();
    assert.match(html, /<html lang="de">/);
    assert.match(html, /<plaza-reactions target="page:\/news\/kantine"><\/plaza-reactions>/);
    assert.match(html, /<script type="module" src="\/dist\/plaza.js"><\/script>/);
    assert.doesNotMatch(html, /<script>|\son[a-z]+=/i, 'no inline script or handler');

    for (const asset of ['demo/legacy.css', 'demo/dev-switcher.js']) {
      assert.equal((await fetch(server.url + asset)).status, 200, asset);
    }
  });
});
