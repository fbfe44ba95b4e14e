import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PROBLEM_TYPES } from '../../src/core/protocol.ts';
import { call, ok, problem, startTestServer, threadPath, type TestServer } from './harness.ts';
import { AUDIENCE, startIdentityProvider, type IdentityProvider } from './identity-provider.ts';

/**
 * Who is an auditor in the sign-in modes a company uses (decision 159):
 * `PLAZA_AUDITORS` spelt as the mode spells user names, and with OIDC the
 * token's `PLAZA_OIDC_AUDITOR_ROLE`. An auditor reads the audit log of
 * moderation and cannot moderate.
 */
const AUDITOR_ROLE = 'plaza-audit';
const AUDIT = '/moderation/audit';

describe('auditors behind a trusted proxy', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ auth: 'proxy', trustedProxies: ['127.0.0.1'], auditors: ['MUSTER\\Anna.Lehmann'] });
  });
  after(async () => {
    await server.close();
    assert.deepEqual(server.errors, []);
  });
  const as = (user: string) => ({ headers: { 'X-Remote-User': user } });

  test('PLAZA_AUDITORS (spelt DOMAIN\\user) makes an auditor who reads the audit log and cannot moderate', async () => {
    await ok(call(server, AUDIT, as('MUSTER\\anna.lehmann')));
    assert.equal((await problem(call(server, AUDIT, as('marie.klein')), 403)).type, PROBLEM_TYPES.forbidden);
    assert.equal((await problem(call(server, AUDIT), 401)).type, PROBLEM_TYPES.unauthenticated);
    const closing = call(server, threadPath('page:/audit/proxy', '/closed'), { method: 'PUT', ...as('MUSTER\\anna.lehmann') });
    assert.equal((await problem(closing, 403)).type, PROBLEM_TYPES.forbidden);
  });
});

describe('auditors by the OIDC token\'s role', () => {
  let idp: IdentityProvider;
  let server: TestServer;
  before(async () => {
    idp = await startIdentityProvider();
    server = await startTestServer({ auth: 'oidc', oidcAudience: [AUDIENCE], oidcIssuer: idp.issuer, oidcAuditorRole: AUDITOR_ROLE });
  });
  after(async () => {
    await server?.close();
    await idp?.close();
    assert.deepEqual(server?.errors, []);
  });
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  test('PLAZA_OIDC_AUDITOR_ROLE in roles or groups makes an auditor; without it, none', async () => {
    await ok(call(server, AUDIT, bearer(await idp.sign({ preferred_username: 'anna.lehmann', roles: [AUDITOR_ROLE] }))));
    await ok(call(server, AUDIT, bearer(await idp.sign({ preferred_username: 'lea.neumann', groups: [AUDITOR_ROLE] }))));
    const without = await idp.sign({ preferred_username: 'anna.lehmann', roles: ['other'] });
    assert.equal((await problem(call(server, AUDIT, bearer(without)), 403)).type, PROBLEM_TYPES.forbidden);
    const closing = call(server, threadPath('page:/audit/oidc', '/closed'), {
      method: 'PUT',
      ...bearer(await idp.sign({ preferred_username: 'anna.lehmann', roles: [AUDITOR_ROLE] })),
    });
    assert.equal((await problem(closing, 403)).type, PROBLEM_TYPES.forbidden, 'the role reads, it does not moderate');
  });
});
