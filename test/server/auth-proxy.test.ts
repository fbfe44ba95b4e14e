import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { directoryId } from '../../server/auth/directory.ts';
import { TrustedProxies } from '../../server/trusted-proxies.ts';
import { ConfigError, optionsFromEnv, type PlazaOptions } from '../../server/config.ts';
import type { Logger } from '../../server/log.ts';
import { startPlaza } from '../../server/start.ts';
import { createSession } from '../../server/store/sessions.ts';
import { PROBLEM_TYPES, type Me } from '../../src/core/protocol.ts';
import { call, ok, problem, reactionPath, rowCounts, startTestServer, type TestServer } from './harness.ts';

/**
 * PLAZA_AUTH=proxy over real HTTP. The tests connect from 127.0.0.1, so a
 * server that trusts 127.0.0.1 plays "behind the proxy" and one that trusts
 * only 10.0.0.0/8 plays "reached directly, bypassing the proxy".
 */

interface Logged {
  warnings: string[];
  errors: string[];
}

async function startProxyServer(options: Partial<PlazaOptions>): Promise<TestServer & Logged> {
  const logged: Logged = { warnings: [], errors: [] };
  const logger: Logger = {
    info() {},
    warn: (message) => logged.warnings.push(message),
    error: (message, error) => logged.errors.push(`${message} ${error instanceof Error ? error.stack : String(error ?? '')}`),
  };
  const server = await startTestServer({ auth: 'proxy', logger, ...options });
  return Object.assign(server, logged);
}

/** A server for one describe block; `after` closes it and asserts it logged no error. */
function useProxyServer(options: Partial<PlazaOptions>): () => TestServer & Logged {
  let server: (TestServer & Logged) | undefined;
  before(async () => {
    server = await startProxyServer(options);
  });
  after(async () => {
    await server?.close();
    assert.deepEqual(server?.errors, []);
  });
  return () => server!;
}

const as = (user: string, headers: Record<string, string> = {}) => ({ headers: { 'X-Remote-User': user, ...headers } });
const LIKE = reactionPath('page:/news/proxy', 'like');

describe('proxy sign-in behind a trusted proxy', () => {
  // The IPv6-mapped spelling of the test's own address: it must match the IPv4 peer.
  const server = useProxyServer({ trustedProxies: ['::ffff:127.0.0.1'], moderators: ['MUSTER\\Thomas.Becker'], corsOrigins: ['https://intranet.example'] });

  test('DOMAIN\\user and user@REALM become the directory id; no cookie is set', async () => {
    for (const name of ['MUSTER\\Ayse.Demir', 'ayse.demir@MUSTER.LOCAL', 'ayse.demir', 'MUSTER\\AYSE.DEMIR@MUSTER.LOCAL']) {
      const res = await call(server(), '/me', as(name));
      const me = await ok<Me>(res);
      assert.equal(me.user?.id, 'ayse.demir', name);
      assert.equal(me.user?.name, 'Ayşe Demir');
      assert.deepEqual(me.can, { react: true, comment: true, moderate: false, seeWhoReacted: true });
      assert.deepEqual(res.headers.getSetCookie(), []);
    }
    assert.equal((await ok<Me>(call(server(), '/me'))).user, null, 'without the header: signed out');
    assert.equal((await ok<Me>(call(server(), '/me', as('  ')))).user, null, 'a blank header: signed out');
  });

  test('writes work with the header, and the CSRF guard still refuses foreign origins', async () => {
    const summary = await ok<{ mine: string[] }>(call(server(), LIKE, { method: 'PUT', ...as('MUSTER\\anna.lehmann') }));
    assert.deepEqual(summary.mine, ['like']);

    const before = await rowCounts(server());
    const refused = await problem(
      call(server(), LIKE, { method: 'PUT', ...as('MUSTER\\ayse.demir', { origin: 'https://evil.example' }) }),
      403,
    );
    assert.equal(refused.type, PROBLEM_TYPES.forbidden);
    assert.deepEqual(await rowCounts(server()), before, 'nothing written');

    const allowed = await ok<{ mine: string[] }>(
      call(server(), LIKE, { method: 'PUT', ...as('MUSTER\\ayse.demir', { origin: 'https://intranet.example' }) }),
    );
    assert.deepEqual(allowed.mine, ['like']);
    await problem(call(server(), LIKE, { method: 'DELETE' }), 401);
  });

  test('someone not in the directory gets a minimal profile once, even when their first requests race', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => ok<Me>(call(server(), '/me', as('MUSTER\\Neu.Kollege')))));
    for (const me of results) assert.deepEqual(me.user, { ...me.user, id: 'neu.kollege', name: 'neu.kollege' });
    const rows = await server().db.query<{ n: number }>(`SELECT count(*)::int AS n FROM people WHERE id = 'neu.kollege'`);
    assert.equal(rows[0]!.n, 1);
    const profile = await ok<{ id: string; followers: number }>(call(server(), '/people/neu.kollege'));
    assert.equal(profile.followers, 0);
  });

  test('a UTF-8 user name (sent as Latin-1 bytes, as proxies do) is decoded', async () => {
    const utf8AsLatin1 = Buffer.from('MUSTER\\Jörg.Weiß', 'utf8').toString('latin1');
    const me = await ok<Me>(call(server(), '/me', as(utf8AsLatin1)));
    assert.equal(me.user?.id, 'jörg.weiß');
  });

  test('PLAZA_MODERATORS (spelt DOMAIN\\user) and the directory flag make moderators', async () => {
    assert.equal((await ok<Me>(call(server(), '/me', as('MUSTER\\thomas.becker')))).can.moderate, true);
    assert.equal((await ok<Me>(call(server(), '/me', as('julia.schmitt@MUSTER.LOCAL')))).can.moderate, true, 'seeded moderator');
  });

  test('unusable names leave the request signed out and are logged once', async () => {
    for (const name of ['(null)', 'a b', 'x,y', 'MUSTER\\', '@MUSTER', 'x'.repeat(201)]) {
      assert.equal((await ok<Me>(call(server(), '/me', as(name)))).user, null, name);
    }
    await ok(call(server(), '/me', as('(null)')));
    assert.equal(server().warnings.filter((w) => w.includes('"(null)"')).length, 1, server().warnings.join('\n'));
  });

  test('cookies of other sign-in modes are ignored', async () => {
    const token = await createSession(server().db, 'ayse.demir', 'dev', 3600);
    assert.equal((await ok<Me>(call(server(), '/me', { cookie: `plaza_session=${token}` }))).user, null);
  });

  test('the dev and OIDC session routes do not exist', async () => {
    await problem(call(server(), '/dev/session', { method: 'POST', json: { userId: 'ayse.demir' } }), 404);
    await problem(call(server(), '/session', { method: 'POST', ...as('ayse.demir') }), 404);
  });
});

describe('proxy sign-in reached from an untrusted address', () => {
  const server = useProxyServer({ trustedProxies: ['10.0.0.0/8', 'fd00::/8'] });

  test('the header is ignored, whatever forwarding headers claim', async () => {
    const tricks: Record<string, string>[] = [
      {},
      { 'x-forwarded-for': '10.0.0.5' },
      { 'x-forwarded-for': '10.0.0.5, 127.0.0.1' },
      { forwarded: 'for=10.0.0.5' },
      { 'x-real-ip': '10.0.0.5' },
      { 'x-client-ip': '10.0.0.5' },
    ];
    for (const headers of tricks) {
      const me = await ok<Me>(call(server(), '/me', as('MUSTER\\julia.schmitt', headers)));
      assert.equal(me.user, null, JSON.stringify(headers));
    }
  });

  test('a write with a spoofed header is a 401 and writes nothing', async () => {
    const before = await rowCounts(server());
    const p = await problem(call(server(), LIKE, { method: 'PUT', ...as('ayse.demir', { 'x-forwarded-for': '10.0.0.5' }) }), 401);
    assert.equal(p.type, PROBLEM_TYPES.unauthenticated);
    await problem(call(server(), '/people/nobody.new', as('nobody.new')), 404);
    assert.deepEqual(await rowCounts(server()), before, 'no person auto-created either');
  });

  test('the operator is warned once per address', () => {
    const warnings = server().warnings.filter((w) => w.includes('PLAZA_TRUSTED_PROXIES'));
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /ignored X-Remote-User from 127\.0\.0\.1/);
  });
});

describe('proxy sign-in with a custom header, no auto-creation and a domain allowlist', () => {
  const server = useProxyServer({
    trustedProxies: ['127.0.0.0/8'],
    proxyHeader: 'X-Authenticated-User',
    autoCreatePeople: false,
    userDomains: ['MUSTER', 'muster.local'],
  });

  test('only the configured header counts', async () => {
    assert.equal((await ok<Me>(call(server(), '/me', as('ayse.demir')))).user, null);
    const me = await ok<Me>(call(server(), '/me', { headers: { 'x-authenticated-user': 'MUSTER\\ayse.demir' } }));
    assert.equal(me.user?.id, 'ayse.demir');
  });

  test('someone not in the directory stays signed out (and cannot write); the operator is told once', async () => {
    const headers = { 'x-authenticated-user': 'MUSTER\\neu.kollege' };
    assert.equal((await ok<Me>(call(server(), '/me', { headers }))).user, null);
    const before = await rowCounts(server());
    await problem(call(server(), LIKE, { method: 'PUT', headers }), 401);
    assert.deepEqual(await rowCounts(server()), before);
    assert.equal(server().warnings.filter((w) => w.includes('"neu.kollege"') && w.includes('not in the directory')).length, 1);
  });

  test('user names of other domains or realms are refused; the listed ones match in any case', async () => {
    const user = async (name: string) => (await ok<Me>(call(server(), '/me', { headers: { 'x-authenticated-user': name } }))).user?.id ?? null;
    assert.equal(await user('PARTNER\\ayse.demir'), null);
    assert.equal(await user('ayse.demir@PARTNER.EXAMPLE'), null);
    assert.equal(await user('muster\\ayse.demir'), 'ayse.demir');
    assert.equal(await user('ayse.demir@MUSTER.LOCAL'), 'ayse.demir');
  });
});

describe('proxy sign-in configuration', () => {
  test('PLAZA_AUTH=proxy without PLAZA_TRUSTED_PROXIES does not start', async () => {
    await assert.rejects(startPlaza({ auth: 'proxy', dataDir: 'memory://', port: 0 }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /PLAZA_AUTH=proxy needs PLAZA_TRUSTED_PROXIES/);
      return true;
    });
  });

  test('the environment is parsed and checked', () => {
    const options = optionsFromEnv({
      PLAZA_AUTH: 'proxy',
      PLAZA_PROXY_HEADER: 'X-Forwarded-User',
      PLAZA_TRUSTED_PROXIES: '10.0.0.5, 10.0.1.0/24 ,fd00::/8,::ffff:192.168.1.1',
      PLAZA_USER_ID_FORMAT: 'lowercase',
      PLAZA_AUTO_CREATE_PEOPLE: 'off',
      PLAZA_MODERATORS: 'julia.schmitt,thomas.becker',
    });
    assert.equal(options.auth, 'proxy');
    assert.equal(options.proxyHeader, 'X-Forwarded-User');
    assert.deepEqual(options.trustedProxies, ['10.0.0.5', '10.0.1.0/24', 'fd00::/8', '::ffff:192.168.1.1']);
    assert.equal(options.userIdFormat, 'lowercase');
    assert.equal(options.autoCreatePeople, false);
    assert.deepEqual(options.moderators, ['julia.schmitt', 'thomas.becker']);
    const unset = Object.entries(optionsFromEnv({})).filter(([key, value]) => value !== undefined && /proxy|moderator|domain|create/i.test(key));
    assert.deepEqual(unset, [], 'unset variables leave the defaults');

    assert.throws(() => optionsFromEnv({ PLAZA_AUTO_CREATE_PEOPLE: 'yes' }), /PLAZA_AUTO_CREATE_PEOPLE must be one of on, off/);
    assert.throws(() => optionsFromEnv({ PLAZA_USER_ID_FORMAT: 'upn' }), /PLAZA_USER_ID_FORMAT must be one of name, lowercase, exact/);
  });

  for (const [entry, why] of [
    ['proxy.intranet', 'a host name'],
    ['10.0.0.0/33', 'an IPv4 prefix over 32'],
    ['fd00::/129', 'an IPv6 prefix over 128'],
    ['10.0.0.0/8/8', 'two prefixes'],
    ['10.0.0.256', 'not an address'],
    ['*', 'a wildcard'],
  ]) {
    test(`PLAZA_TRUSTED_PROXIES refuses ${why}`, async () => {
      await assert.rejects(
        startPlaza({ auth: 'proxy', trustedProxies: [entry!], dataDir: 'memory://', port: 0 }),
        new RegExp(`PLAZA_TRUSTED_PROXIES: "${entry!.replace(/[*.]/g, '\\$&')}" is not an IP address`),
      );
    });
  }

  test('a header name that is not one is refused', async () => {
    await assert.rejects(
      startPlaza({ auth: 'proxy', trustedProxies: ['10.0.0.1'], proxyHeader: 'X Remote User', dataDir: 'memory://', port: 0 }),
      /PLAZA_PROXY_HEADER must be a header name/,
    );
  });
});

describe('trusted proxy addresses', () => {
  test('IPv4, IPv6, CIDR ranges and IPv6-mapped IPv4 in both directions', () => {
    const trusted = new TrustedProxies(['10.0.0.5', '192.168.10.0/24', 'fd00:abcd::/32', '::ffff:172.16.0.1', '2001:db8::7']);
    const yes = ['10.0.0.5', '::ffff:10.0.0.5', '::FFFF:10.0.0.5', '192.168.10.200', '::ffff:192.168.10.1', 'fd00:abcd::1', 'FD00:ABCD:1::2', '172.16.0.1', '2001:db8:0:0::7'];
    const no = ['10.0.0.6', '192.168.11.1', 'fd00:abce::1', '172.16.0.2', '::ffff:172.16.0.2', '2001:db8::8', '127.0.0.1', '::1', 'localhost', '', 'garbage'];
    for (const address of yes) assert.equal(trusted.has(address), true, address);
    for (const address of no) assert.equal(trusted.has(address), false, address);
    assert.equal(new TrustedProxies(['fe80::/10']).has('fe80::1%eth0'), true, 'a zone index is ignored');
  });
});

describe('user names to directory ids', () => {
  test('each format', () => {
    const cases: Array<[string, 'name' | 'lowercase' | 'exact', string | null]> = [
      ['MUSTER\\Ayse.Demir', 'name', 'ayse.demir'],
      ['Ayse.Demir@MUSTER.LOCAL', 'name', 'ayse.demir'],
      ['MUSTER\\Ayse.Demir@MUSTER.LOCAL', 'name', 'ayse.demir'],
      ['Ayse.Demir', 'name', 'ayse.demir'],
      ['Ayse.Demir@Musterstadt.example', 'lowercase', 'ayse.demir@musterstadt.example'],
      ['MUSTER\\Ayse.Demir', 'lowercase', 'muster\\ayse.demir'],
      ['0a1B-c2D3', 'exact', '0a1B-c2D3'],
      ['Jörg', 'name', 'jörg'],
      ['ÖZLEM', 'name', 'özlem'], // capitals beyond ASCII that pair one to one with their small letter
      ['Jo\u0308rg', 'name', null], // decomposed umlaut: NFC would make it another code point sequence (a lookalike)
      ['\u212Aatharina', 'name', null], // KELVIN SIGN: NFC makes it K
      ['KATHAR\u0130NA', 'lowercase', null], // İ lowercases to two code points
      ['\u212Aatharina', 'exact', null],
      ['a b', 'exact', null],
      ['a,b', 'name', null],
      ['\\x', 'name', null],
      ['x@', 'name', null],
      ['x\u0000y', 'exact', null],
    ];
    for (const [raw, format, expected] of cases) {
      const result = directoryId(raw, format, []);
      assert.deepEqual('id' in result ? result.id : null, expected, `${raw} (${format})`);
    }
  });
});
