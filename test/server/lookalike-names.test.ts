import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PlazaOptions } from '../../server/config.ts';
import type { Logger } from '../../server/log.ts';
import { PROBLEM_TYPES, type Me } from '../../src/core/protocol.ts';
import { call, ok, problem, reactionPath, rowCounts, startTestServer, type TestServer } from './harness.ts';
import { AUDIENCE, MODERATOR_ROLE, startIdentityProvider, type IdentityProvider } from './identity-provider.ts';

/**
 * A user name that becomes someone else's directory id only through Unicode
 * normalisation or case mapping beyond ASCII is another account upstream
 * (the identity provider or the proxy's directory told them apart), so it
 * must not sign in as that person: `Katharina.weber` spelt with U+212A KELVIN
 * SIGN is not Katharina Weber, a moderator of the demo directory. Such a name
 * is refused with a 403 problem and logged, never merged.
 */

const KELVIN = '\u212A'; // K, which NFC turns into K and lowercasing into k
/** Each became `katharina.weber` (a moderator) before; İ (U+0130) lowercases to "i̇", two code points. */
const PROXY_LOOKALIKES = [`${KELVIN}atharina.weber`, `MUSTER\\${KELVIN}atharina.weber`, `${KELVIN}ONZERN\\katharina.weber`, 'KATHAR\u0130NA.WEBER'];
const TOKEN_LOOKALIKES = [`${KELVIN}atharina.weber`, `${KELVIN}ATHARINA.WEBER`, 'KATHAR\u0130NA.WEBER'];

interface Logged {
  warnings: string[];
  errors: string[];
}

function recordingLogger(logged: Logged): Logger {
  return {
    info() {},
    warn: (message) => logged.warnings.push(message),
    error: (message, error) => logged.errors.push(`${message} ${error instanceof Error ? error.stack : String(error ?? '')}`),
  };
}

async function startLogged(options: Partial<PlazaOptions>): Promise<TestServer & Logged> {
  const logged: Logged = { warnings: [], errors: [] };
  const server = await startTestServer({ logger: recordingLogger(logged), ...options });
  return Object.assign(server, logged);
}

async function moderatorFlag(server: TestServer, id: string): Promise<boolean | undefined> {
  const [row] = await server.db.query<{ moderator: boolean }>('SELECT moderator FROM people WHERE id = $1', [id]);
  return row?.moderator;
}

describe('lookalike user names through a proxy', () => {
  let server: TestServer & Logged;
  before(async () => {
    server = await startLogged({ auth: 'proxy', trustedProxies: ['127.0.0.1'], userDomains: ['MUSTER', 'MUSTER.LOCAL', 'KONZERN'] });
  });
  after(async () => {
    await server?.close();
    assert.deepEqual(server?.errors, []);
  });
  const as = (name: string) => ({ headers: { 'X-Remote-User': Buffer.from(name, 'utf8').toString('latin1') } });

  test('the real spelling still signs in, in any ASCII case', async () => {
    for (const name of ['katharina.weber', 'MUSTER\\Katharina.Weber', 'KATHARINA.WEBER@muster.local']) {
      const me = await ok<Me>(call(server, '/me', as(name)));
      assert.equal(me.user?.id, 'katharina.weber', name);
      assert.equal(me.can.moderate, true);
    }
  });

  test('a name that becomes hers only through Unicode is refused with 403 and logged, on reads and writes', async () => {
    const before = await rowCounts(server);
    for (const name of PROXY_LOOKALIKES) {
      const read = await problem(call(server, '/me', as(name)), 403);
      assert.equal(read.type, PROBLEM_TYPES.forbidden, name);
      assert.match(read.detail ?? '', /user name/i);
      const write = await problem(call(server, reactionPath('page:/news/lookalike', 'like'), { method: 'PUT', ...as(name) }), 403);
      assert.equal(write.type, PROBLEM_TYPES.forbidden, name);
      const hide = await problem(call(server, '/moderation/reports', as(name)), 403);
      assert.equal(hide.type, PROBLEM_TYPES.forbidden);
    }
    assert.deepEqual(await rowCounts(server), before, 'nothing written, nobody created');
    const warnings = server.warnings.filter((w) => /refused/.test(w) && /U\+212A/.test(w));
    assert.ok(warnings.length >= 1, `the operator is told, naming the character:\n${server.warnings.join('\n')}`);
  });

  test('a name spelt with combining marks is refused, not merged with the composed spelling', async () => {
    assert.equal((await ok<Me>(call(server, '/me', as('MUSTER\\Jörg.Weiß')))).user?.id, 'jörg.weiß');
    const decomposed = 'MUSTER\\Jörg.Weiß'.normalize('NFD');
    assert.notEqual(decomposed, 'MUSTER\\Jörg.Weiß');
    await problem(call(server, '/me', as(decomposed)), 403);
  });

  test('capital letters beyond ASCII that lowercase one to one (Ö, Ä, Ü) still sign in', async () => {
    for (const name of ['MUSTER\\Özlem.Yılmaz', 'özlem.yılmaz@MUSTER.LOCAL', 'ÖZLEM.YILMAZ@muster.local'.replace('YILMAZ', 'YıLMAZ')]) {
      assert.equal((await ok<Me>(call(server, '/me', as(name)))).user?.id, 'özlem.yılmaz', name);
    }
  });
});

describe('lookalike user names in OIDC tokens', () => {
  let idp: IdentityProvider;
  let server: TestServer & Logged;
  before(async () => {
    idp = await startIdentityProvider();
    server = await startLogged({ auth: 'oidc', oidcAudience: [AUDIENCE], oidcIssuer: idp.issuer, oidcModeratorRole: MODERATOR_ROLE });
  });
  after(async () => {
    await server?.close();
    await idp?.close();
    assert.deepEqual(server?.errors, []);
  });
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  test('a token for a lookalike name is refused, and the real account keeps its moderator flag', async () => {
    const real = await idp.sign({ preferred_username: 'katharina.weber', roles: [MODERATOR_ROLE] });
    assert.equal((await ok<Me>(call(server, '/me', bearer(real)))).can.moderate, true);
    for (const name of TOKEN_LOOKALIKES) {
      const token = await idp.sign({ preferred_username: name, name: 'Mallory' });
      const read = await problem(call(server, '/me', bearer(token)), 403);
      assert.equal(read.type, PROBLEM_TYPES.forbidden, name);
      await problem(call(server, '/session', { method: 'POST', ...bearer(token) }), 403);
      assert.equal(await moderatorFlag(server, 'katharina.weber'), true, `${name} must not touch her account`);
    }
    const [{ n }] = (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM people WHERE name = 'Mallory'`)) as [{ n: number }];
    assert.equal(n, 0, 'no lookalike account was created');
    assert.ok(server.warnings.some((w) => /refused/.test(w) && /U\+212A/.test(w)), server.warnings.join('\n'));
  });
});
