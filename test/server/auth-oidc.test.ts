import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { ConfigError, optionsFromEnv, type PlazaOptions } from '../../server/config.ts';
import type { Logger } from '../../server/log.ts';
import { startPlaza } from '../../server/start.ts';
import { createSession } from '../../server/store/sessions.ts';
import { PROBLEM_TYPES, type Me } from '../../src/core/protocol.ts';
import { call, ok, problem, reactionPath, rowCounts, startTestServer, type TestServer } from './harness.ts';
import { AUDIENCE, MODERATOR_ROLE, startIdentityProvider, type IdentityProvider } from './identity-provider.ts';

/**
 * PLAZA_AUTH=oidc over real HTTP, against a tiny identity provider
 * (identity-provider.ts) started here.
 */

const LIKE = reactionPath('page:/news/oidc', 'like');

interface Logged {
  warnings: string[];
  errors: string[];
}

async function startOidcServer(options: Partial<PlazaOptions>): Promise<TestServer & Logged> {
  const logged: Logged = { warnings: [], errors: [] };
  const logger: Logger = {
    info() {},
    warn: (message) => logged.warnings.push(message),
    error: (message, error) => logged.errors.push(`${message} ${error instanceof Error ? error.stack : String(error ?? '')}`),
  };
  const server = await startTestServer({ auth: 'oidc', oidcAudience: [AUDIENCE], logger, ...options });
  return Object.assign(server, logged);
}

const bearer = (token: string, headers: Record<string, string> = {}) => ({ headers: { authorization: `Bearer ${token}`, ...headers } });

describe('OIDC sign-in', () => {
  let idp: IdentityProvider;
  let server: TestServer & Logged;
  before(async () => {
    idp = await startIdentityProvider();
    server = await startOidcServer({ oidcIssuer: idp.issuer, oidcModeratorRole: MODERATOR_ROLE, corsOrigins: ['https://intranet.example'] });
  });
  after(async () => {
    await server?.close();
    await idp?.close();
    assert.deepEqual(server?.errors, []);
  });

  test('a valid token signs its user in on every request, without a cookie', async () => {
    const token = await idp.sign({ sub: 'f3a1', preferred_username: 'Ayse.Demir' });
    const res = await call(server, '/me', bearer(token));
    const me = await ok<Me>(res);
    assert.equal(me.user?.id, 'ayse.demir');
    assert.equal(me.user?.name, 'Ayşe Demir');
    assert.deepEqual(me.can, { react: true, comment: true, moderate: false, seeWhoReacted: true });
    assert.deepEqual(res.headers.getSetCookie(), []);

    const summary = await ok<{ mine: string[] }>(call(server, LIKE, { method: 'PUT', ...bearer(token) }));
    assert.deepEqual(summary.mine, ['like']);
    assert.equal((await ok<Me>(call(server, '/me'))).user, null, 'the next request without the token is anonymous');
  });

  test('keys are discovered once from the issuer and then cached', async () => {
    const token = await idp.sign({ preferred_username: 'anna.lehmann' });
    for (let i = 0; i < 5; i++) await ok(call(server, '/me', bearer(token)));
    assert.equal(idp.hits.get('/.well-known/openid-configuration'), 1);
    assert.equal(idp.hits.get('/keys'), 1);
  });

  test('a newcomer gets a profile from the token: lowercased id, name and e-mail claims', async () => {
    const token = await idp.sign({ preferred_username: 'Neu.Kollegin@Musterstadt.example', name: 'Neue Kollegin', email: 'neu.kollegin@musterstadt.example' });
    const me = await ok<Me>(call(server, '/me', bearer(token)));
    assert.equal(me.user?.id, 'neu.kollegin@musterstadt.example', 'the domain is kept by default in oidc mode');
    assert.equal(me.user?.name, 'Neue Kollegin');
    assert.equal(me.user?.email, 'neu.kollegin@musterstadt.example');
  });

  test('the moderator role in roles or groups makes a moderator, and losing it ends that', async () => {
    const withRole = await idp.sign({ preferred_username: 'thomas.becker', roles: [MODERATOR_ROLE, 'other'] });
    assert.equal((await ok<Me>(call(server, '/me', bearer(withRole)))).can.moderate, true);
    const viaGroups = await idp.sign({ preferred_username: 'lea.neumann', groups: [MODERATOR_ROLE] });
    assert.equal((await ok<Me>(call(server, '/me', bearer(viaGroups)))).can.moderate, true);

    // The cookie made from a role-bearing token keeps the role, since the directory records it.
    const cookie = await sessionCookie(await post(withRole));
    assert.equal((await ok<Me>(call(server, '/me', { cookie }))).can.moderate, true);
    const withoutRole = await idp.sign({ preferred_username: 'thomas.becker', roles: ['other'] });
    assert.equal((await ok<Me>(call(server, '/me', bearer(withoutRole)))).can.moderate, false);
    assert.equal((await ok<Me>(call(server, '/me', { cookie }))).can.moderate, false, 'the provider decides, also for the cookie');
    // With a role configured, a seeded moderator without it is none.
    const julia = await idp.sign({ preferred_username: 'julia.schmitt' });
    assert.equal((await ok<Me>(call(server, '/me', bearer(julia)))).can.moderate, false);
  });

  describe('tokens that do not verify are 401 problems that say why, and write nothing', () => {
    const cases: Array<[string, () => Promise<string>, RegExp]> = [
      ['another issuer', () => idp.sign({ preferred_username: 'ayse.demir', iss: 'https://evil.example' }), /another identity provider/],
      ['another audience', () => idp.sign({ preferred_username: 'ayse.demir', aud: 'other-app' }), /for another application/],
      ['expired (beyond the clock tolerance)', () => idp.sign({ preferred_username: 'ayse.demir' }, { expiresIn: Math.floor(Date.now() / 1000) - 120 }), /expired/],
      ['not valid yet', () => idp.sign({ preferred_username: 'ayse.demir', nbf: Math.floor(Date.now() / 1000) + 3600 }), /not valid yet/],
      ['without an expiry', () => idp.sign({ preferred_username: 'ayse.demir' }, { noExpiry: true }), /expiry/],
      ['signed with another key under the same kid', async () => idp.sign({ preferred_username: 'ayse.demir' }, { key: (await generateKeyPair('RS256')).privateKey }), /signature is not valid/],
      ['signed with a key the provider does not publish', async () => idp.sign({ preferred_username: 'ayse.demir' }, { kid: 'forged', key: (await generateKeyPair('RS256')).privateKey }), /not signed with a key of the identity provider/],
      ['alg: none', async () => new UnsecuredJWT({ preferred_username: 'ayse.demir' }).setIssuer(idp.issuer).setAudience(AUDIENCE).setExpirationTime('10m').encode(), /algorithm/],
      ['HS256 with a guessed secret', async () => new SignJWT({ preferred_username: 'ayse.demir' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(idp.issuer).setAudience(AUDIENCE).setExpirationTime('10m').sign(new TextEncoder().encode('a-secret-of-at-least-32-bytes!!!')), /algorithm/],
      ['garbage', async () => 'not-a-jwt', /not a valid signed JWT/],
      ['a broken signature part', async () => 'eyJhbGciOiJSUzI1NiJ9.e30.!!!', /signature is not valid|not a valid signed JWT/],
      ['a correctly signed payload that is not a claims set', () => idp.signBytes(new TextEncoder().encode('["not", "claims"]')), /not a valid signed JWT/],
      ['two tokens', async () => 'a b', /one token/],
      ['no preferred_username claim', () => idp.sign({ sub: 'f3a1' }), /"preferred_username" claim/],
    ];
    for (const [name, make, reason] of cases) {
      test(name, async () => {
        const token = await make();
        const before = await rowCounts(server);
        const res = await call(server, '/me', bearer(token));
        const read = await problem(res, 401);
        assert.equal(read.type, PROBLEM_TYPES.unauthenticated);
        assert.match(read.detail ?? '', reason);
        assert.doesNotMatch(read.detail ?? '', /Error|at |\.ts|jose|ERR_/, 'nothing internal');
        assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token", error_description="[^"]+"$/);

        await problem(call(server, LIKE, { method: 'PUT', ...bearer(token) }), 401);
        await problem(call(server, '/session', { method: 'POST', ...bearer(token) }), 401);
        assert.deepEqual(await rowCounts(server), before, 'no reaction, no person, no session');
      });
    }
  });

  test('other Authorization schemes are not Plaza business: the request is anonymous', async () => {
    assert.equal((await ok<Me>(call(server, '/me', { headers: { authorization: 'Negotiate YIIG...' } }))).user, null);
  });

  test('POST /session trades the token for an HttpOnly, SameSite=Lax cookie that lasts as long as the token', async () => {
    const token = await idp.sign({ preferred_username: 'ayse.demir' }, { expiresIn: '15m' });
    const res = await post(token);
    assert.equal((await ok<Me>(res.clone())).user?.id, 'ayse.demir');
    const [cookie] = res.headers.getSetCookie();
    const flags = cookie!.split(/;\s*/).slice(1).map((a) => a.toLowerCase());
    assert.ok(flags.includes('httponly'), cookie);
    assert.ok(flags.includes('samesite=lax'), cookie);
    assert.ok(flags.includes('path=/'), cookie);
    const maxAge = Number(flags.find((f) => f.startsWith('max-age='))?.slice(8));
    assert.ok(maxAge > 14 * 60 && maxAge <= 15 * 60, `Max-Age ${maxAge}`);
    const rows = await server.db.query<{ provider: string; seconds: number }>(
      `SELECT provider, extract(epoch FROM expires_at - now())::int AS seconds FROM sessions WHERE person_id = 'ayse.demir'`,
    );
    assert.deepEqual(rows.map((r) => r.provider), ['oidc']);
    assert.ok(rows[0]!.seconds <= 15 * 60, 'the session ends with the token');

    const pair = cookie!.split(';')[0]!;
    assert.equal((await ok<Me>(call(server, '/me', { cookie: pair }))).user?.id, 'ayse.demir');
    const stream = await fetch(`${server.api}/events?topics=reactions:page:/news/oidc`, { headers: { cookie: pair } });
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
    await stream.body?.cancel();

    const like = reactionPath('page:/news/oidc-cookie', 'like');
    assert.deepEqual((await ok<{ mine: string[] }>(call(server, like, { method: 'PUT', cookie: pair }))).mine, ['like']);
    const before = await rowCounts(server);
    await problem(call(server, like, { method: 'DELETE', cookie: pair, headers: { origin: 'https://evil.example' } }), 403);
    assert.deepEqual(await rowCounts(server), before, 'the CSRF guard applies to the cookie');

    // Posting a fresh token replaces the session instead of piling them up.
    const renewed = await post(await idp.sign({ preferred_username: 'ayse.demir' }), pair);
    const newPair = (await sessionCookie(renewed));
    assert.equal((await ok<Me>(call(server, '/me', { cookie: pair }))).user, null, 'the old cookie is gone');

    const out = await call(server, '/session', { method: 'DELETE', cookie: newPair });
    assert.deepEqual(await ok<Me>(out), { user: null, can: { react: false, comment: false, moderate: false, seeWhoReacted: true } });
    assert.match(out.headers.getSetCookie()[0] ?? '', /^plaza_session=;.*Max-Age=0/i);
    assert.equal((await ok<Me>(call(server, '/me', { cookie: newPair }))).user, null);
  });

  test('POST /session needs a bearer token, and a foreign origin may not post one', async () => {
    const none = await call(server, '/session', { method: 'POST' });
    assert.match((await problem(none, 401)).detail ?? '', /Authorization: Bearer/);
    assert.deepEqual(none.headers.getSetCookie(), []);
    const token = await idp.sign({ preferred_username: 'ayse.demir' });
    await problem(call(server, '/session', { method: 'POST', ...bearer(token, { origin: 'https://evil.example' }) }), 403);
    await ok(call(server, '/session', { method: 'POST', ...bearer(token, { origin: 'https://intranet.example' }) }));
  });

  test('a cookie of another sign-in mode signs nobody in', async () => {
    const token = await createSession(server.db, 'ayse.demir', 'dev', 3600);
    assert.equal((await ok<Me>(call(server, '/me', { cookie: `plaza_session=${token}` }))).user, null);
  });

  test('CORS lets allowlisted pages send Authorization', async () => {
    const res = await fetch(`${server.api}/me`, {
      method: 'OPTIONS',
      headers: { origin: 'https://intranet.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Authorization/i);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://intranet.example');
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
  });

  test('the OpenAPI document has /session and the bearer scheme, and no dev routes', async () => {
    const doc = await ok<{ paths: Record<string, Record<string, unknown>>; components: { securitySchemes: Record<string, unknown> } }>(call(server, '/openapi.json'));
    assert.deepEqual(Object.keys(doc.paths['/session'] ?? {}).sort(), ['delete', 'post']);
    assert.deepEqual(doc.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    assert.ok(!Object.keys(doc.paths).some((path) => path.startsWith('/dev/')));
  });

  async function post(token: string, cookie?: string): Promise<Response> {
    const res = await call(server, '/session', { method: 'POST', cookie, ...bearer(token) });
    assert.equal(res.status, 200, await res.clone().text());
    return res;
  }
});

describe('OIDC sign-in with an explicit key set URL, user domains and no auto-creation', () => {
  let idp: IdentityProvider;
  let server: TestServer & Logged;
  before(async () => {
    idp = await startIdentityProvider();
    server = await startOidcServer({
      oidcIssuer: 'https://sso.musterstadt.example/realms/intranet', // not fetched: the key set URL is given
      oidcJwksUrl: `${idp.issuer}/keys`,
      oidcIdClaim: 'upn',
      userIdFormat: 'name',
      userDomains: ['musterstadt.example'],
      autoCreatePeople: false,
      moderators: ['Ayse.Demir@musterstadt.example'],
    });
  });
  after(async () => {
    await server?.close();
    await idp?.close();
    assert.deepEqual(server?.errors, []);
  });

  const sign = (claims: JWTPayload) => idp.sign({ iss: 'https://sso.musterstadt.example/realms/intranet', ...claims });

  test('the configured claim, format and domains decide the id; PLAZA_MODERATORS applies', async () => {
    const me = await ok<Me>(call(server, '/me', bearer(await sign({ upn: 'Ayse.Demir@Musterstadt.example' }))));
    assert.equal(me.user?.id, 'ayse.demir');
    assert.equal(me.can.moderate, true);
    assert.equal(idp.hits.get('/.well-known/openid-configuration'), undefined, 'no discovery');
  });

  test('a valid token of a foreign domain or an unknown person signs nobody in, and /session refuses it', async () => {
    const before = await rowCounts(server);
    for (const upn of ['ayse.demir@partner.example', 'neu.kollege@musterstadt.example']) {
      const token = await sign({ upn });
      assert.equal((await ok<Me>(call(server, '/me', bearer(token)))).user, null, upn);
      await problem(call(server, LIKE, { method: 'PUT', ...bearer(token) }), 401);
      assert.equal((await problem(call(server, '/session', { method: 'POST', ...bearer(token) }), 403)).type, PROBLEM_TYPES.forbidden);
    }
    assert.deepEqual(await rowCounts(server), before);
    assert.equal(server.warnings.filter((w) => w.includes('neu.kollege') && w.includes('not in the directory')).length, 1, server.warnings.join('\n'));
  });
});

describe('OIDC sign-in while the identity provider is unreachable', () => {
  let idp: IdentityProvider;
  let server: TestServer & Logged;
  before(async () => {
    idp = await startIdentityProvider(); // signs tokens; Plaza is pointed elsewhere
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    server = await startOidcServer({ oidcIssuer: `http://127.0.0.1:${deadPort}` });
  });
  after(async () => {
    await server?.close();
    await idp?.close();
    assert.deepEqual(server?.errors, []);
  });

  test('Plaza started; a token that cannot be checked is a 503 `unavailable` (not a 401, not a 500), logged as a warning', async () => {
    const token = await new SignJWT({ preferred_username: 'ayse.demir' })
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setIssuer(server.url) // any issuer: the keys are needed first
      .setAudience(AUDIENCE)
      .setExpirationTime('10m')
      .sign((await generateKeyPair('RS256')).privateKey);
    for (let i = 0; i < 3; i++) {
      const res = await call(server, '/me', bearer(token));
      const p = await problem(res, 503);
      assert.equal(p.type, PROBLEM_TYPES.unavailable, 'its own type: the client says "try again shortly", not "something went wrong"');
      assert.equal(p.title, 'Service unavailable');
      assert.match(p.detail ?? '', /cannot be reached/);
      assert.equal(res.headers.get('retry-after'), '10');
    }
    const session = await call(server, '/session', { method: 'POST', ...bearer(token) });
    assert.equal((await problem(session, 503)).type, PROBLEM_TYPES.unavailable, 'POST /session too');
    assert.equal(session.headers.get('retry-after'), '10');
    assert.equal(server.warnings.filter((w) => w.includes('cannot check tokens')).length, 1, 'one warning, not one per request');
    assert.equal((await ok<Me>(call(server, '/me'))).user, null, 'requests without a token are unaffected');
    await problem(call(server, '/me', bearer('garbage')), 401);
  });
});

describe('OIDC configuration', () => {
  const start = (options: Partial<PlazaOptions>) => startPlaza({ auth: 'oidc', dataDir: 'memory://', port: 0, ...options });
  const configError = (pattern: RegExp) => (error: unknown) => {
    assert.ok(error instanceof ConfigError, String(error));
    assert.match(error.message, pattern);
    return true;
  };

  test('issuer and audience are required', async () => {
    await assert.rejects(start({ oidcAudience: ['plaza'] }), configError(/PLAZA_AUTH=oidc needs PLAZA_OIDC_ISSUER/));
    await assert.rejects(start({ oidcIssuer: 'https://sso.example' }), configError(/PLAZA_AUTH=oidc needs PLAZA_OIDC_AUDIENCE/));
  });

  test('keys come over https (http only from this machine)', async () => {
    await assert.rejects(start({ oidcIssuer: 'http://sso.example', oidcAudience: ['plaza'] }), configError(/must be an https:\/\/ URL/));
    await assert.rejects(start({ oidcIssuer: 'urn:sso', oidcAudience: ['plaza'], oidcJwksUrl: 'http://sso.example/keys' }), configError(/PLAZA_OIDC_JWKS_URL/));
    await assert.rejects(start({ oidcIssuer: 'not a url', oidcAudience: ['plaza'] }), configError(/is not a URL/));
  });

  test('only asymmetric algorithms may be allowed', async () => {
    for (const alg of ['HS256', 'none']) {
      await assert.rejects(start({ oidcIssuer: 'https://sso.example', oidcAudience: ['plaza'], oidcAlgorithms: [alg] }), configError(/PLAZA_OIDC_ALGORITHMS/));
    }
  });

  test('the environment is parsed', () => {
    const options = optionsFromEnv({
      PLAZA_AUTH: 'oidc',
      PLAZA_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
      PLAZA_OIDC_AUDIENCE: 'api://plaza, 6c1f0e4e-client',
      PLAZA_OIDC_JWKS_URL: 'https://login.microsoftonline.com/tenant/discovery/v2.0/keys',
      PLAZA_OIDC_ID_CLAIM: 'upn',
      PLAZA_OIDC_ROLES_CLAIM: 'realm_access.roles,groups',
      PLAZA_OIDC_MODERATOR_ROLE: 'Plaza.Moderator',
      PLAZA_OIDC_ALGORITHMS: 'RS256,ES256',
      PLAZA_OIDC_CLOCK_TOLERANCE: '30',
    });
    assert.equal(options.auth, 'oidc');
    assert.deepEqual(options.oidcAudience, ['api://plaza', '6c1f0e4e-client']);
    assert.equal(options.oidcIdClaim, 'upn');
    assert.deepEqual(options.oidcRolesClaims, ['realm_access.roles', 'groups']);
    assert.equal(options.oidcModeratorRole, 'Plaza.Moderator');
    assert.deepEqual(options.oidcAlgorithms, ['RS256', 'ES256']);
    assert.equal(options.oidcClockToleranceSeconds, 30);
    assert.throws(() => optionsFromEnv({ PLAZA_OIDC_CLOCK_TOLERANCE: '-1' }), /PLAZA_OIDC_CLOCK_TOLERANCE must be a whole number/);
  });
});

async function sessionCookie(res: Response): Promise<string> {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('plaza_session='));
  assert.ok(cookie, 'a plaza_session cookie');
  return cookie.split(';')[0]!;
}
