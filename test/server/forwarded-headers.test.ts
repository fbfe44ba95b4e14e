import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, describe, test } from 'node:test';
import type { Logger } from '../../server/log.ts';
import { PROBLEM_TYPES, type Me } from '../../src/core/protocol.ts';
import { call, ok, problem, reactionPath, signIn, useTestServer, type TestServer } from './harness.ts';

/**
 * `X-Forwarded-Host` and `X-Forwarded-Proto` are what a reverse proxy says
 * about the browser's request; anybody else can type them. They count only
 * on connections from PLAZA_TRUSTED_PROXIES (judged by the TCP peer, as for
 * the proxy sign-in). The tests connect from 127.0.0.1: a server that trusts
 * it plays "behind the proxy", one that trusts 10.0.0.5 "reached directly".
 */

const LIKE = reactionPath('page:/news/forwarded', 'like');

function signInAs(server: TestServer, headers: Record<string, string>): Promise<Response> {
  return call(server, '/dev/session', { method: 'POST', json: { userId: 'ayse.demir' }, headers });
}

/** A request in absolute form (`POST https://host/path HTTP/1.1`), which a client may send to any server. */
function absoluteFormSignIn(server: TestServer): Promise<{ status: number; setCookie: string[] }> {
  const url = new URL(server.api);
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ userId: 'ayse.demir' });
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: `https://${url.host}/api/v1/dev/session`,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: ([] as string[]).concat(res.headers['set-cookie'] ?? []) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('forwarded headers from a client that is not a trusted proxy', () => {
  const warnings: string[] = [];
  const errors: string[] = [];
  const logger: Logger = { info() {}, warn: (message) => warnings.push(message), error: (message) => errors.push(message) };
  const server = useTestServer({ trustedProxies: ['10.0.0.5'], logger });
  after(() => assert.deepEqual(errors, []));

  test('X-Forwarded-Host does not make a foreign origin "our own" for the CSRF guard', async () => {
    const cookie = await signIn(server, 'ayse.demir');
    const p = await problem(
      call(server, LIKE, { method: 'PUT', cookie, headers: { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' } }),
      403,
    );
    assert.equal(p.type, PROBLEM_TYPES.forbidden);
  });

  test('X-Forwarded-Proto: https does not make the cookie Secure (or __Host-)', async () => {
    const res = await signInAs(server, { 'x-forwarded-proto': 'https' });
    await ok(res);
    const [cookie] = res.headers.getSetCookie();
    assert.match(cookie ?? '', /^plaza_session=/);
    assert.doesNotMatch(cookie ?? '', /;\s*Secure/i);
  });

  test('an https:// request target does not either', async () => {
    const { status, setCookie } = await absoluteFormSignIn(server);
    assert.equal(status, 200);
    assert.match(setCookie[0] ?? '', /^plaza_session=/);
    assert.doesNotMatch(setCookie[0] ?? '', /;\s*Secure/i);
  });

  test('the operator is told once per header and address (a reverse proxy missing from the list)', () => {
    for (const header of ['x-forwarded-host', 'x-forwarded-proto']) {
      const lines = warnings.filter((w) => w.includes(header));
      assert.equal(lines.length, 1, warnings.join('\n'));
      assert.match(lines[0]!, /from 127\.0\.0\.1, which is not in PLAZA_TRUSTED_PROXIES/);
    }
  });
});

describe('forwarded headers from a trusted proxy', () => {
  const server = useTestServer({ trustedProxies: ['127.0.0.1'] });

  test('X-Forwarded-Host names the host the browser saw, for the CSRF guard', async () => {
    const cookie = await signIn(server, 'ayse.demir');
    const headers = { origin: 'https://plaza.intranet.example', 'x-forwarded-host': 'plaza.intranet.example' };
    assert.deepEqual((await ok<{ mine: string[] }>(call(server, LIKE, { method: 'PUT', cookie, headers }))).mine, ['like']);
    const foreign = { origin: 'https://evil.example', 'x-forwarded-host': 'plaza.intranet.example' };
    await problem(call(server, LIKE, { method: 'PUT', cookie, headers: foreign }), 403);
  });

  test('X-Forwarded-Proto: https makes the cookie Secure with the __Host- prefix, and it signs in', async () => {
    const res = await signInAs(server, { 'x-forwarded-proto': 'https' });
    await ok(res);
    const [cookie = ''] = res.headers.getSetCookie();
    assert.match(cookie, /^__Host-plaza_session=[^;]+/);
    assert.match(cookie, /;\s*Secure/i);
    assert.match(cookie, /;\s*Path=\/(;|$)/i);
    assert.match(cookie, /;\s*HttpOnly/i);
    assert.doesNotMatch(cookie, /Domain=/i);
    const pair = cookie.split(';')[0]!;
    assert.equal((await ok<Me>(call(server, '/me', { cookie: pair }))).user?.id, 'ayse.demir');
  });

  test('a cookie by the old name still signs in (upgrades keep people signed in), and signing out clears both names', async () => {
    const res = await signInAs(server, { 'x-forwarded-proto': 'https' });
    const token = res.headers.getSetCookie()[0]!.split(';')[0]!.split('=')[1]!;
    const old = `plaza_session=${token}`;
    assert.equal((await ok<Me>(call(server, '/me', { cookie: old }))).user?.id, 'ayse.demir');
    const out = await call(server, '/dev/session', { method: 'DELETE', cookie: `${old}; __Host-plaza_session=${token}`, headers: { 'x-forwarded-proto': 'https' } });
    await ok(out);
    const cleared = out.headers.getSetCookie();
    assert.ok(cleared.some((c) => /^__Host-plaza_session=;.*Max-Age=0/i.test(c) && /Secure/i.test(c)), cleared.join('\n'));
    assert.ok(cleared.some((c) => /^plaza_session=;.*Max-Age=0/i.test(c)), cleared.join('\n'));
    assert.equal((await ok<Me>(call(server, '/me', { cookie: old }))).user, null);
  });

  test('without X-Forwarded-Proto the cookie stays as it was on plain http', async () => {
    const res = await signInAs(server, {});
    assert.match(res.headers.getSetCookie()[0] ?? '', /^plaza_session=/);
    assert.doesNotMatch(res.headers.getSetCookie()[0] ?? '', /Secure/i);
  });
});
