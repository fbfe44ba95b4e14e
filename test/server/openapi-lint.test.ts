import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, ok, startTestServer, type TestServer } from './harness.ts';
import { AUDIENCE, startIdentityProvider, type IdentityProvider } from './identity-provider.ts';
import { redoclyProblems, spectralProblems } from './openapi-linters.ts';

/**
 * The document a client generator or gateway reads must pass the two linters
 * teams run on OpenAPI: Redocly (`recommended`) and Spectral (`spectral:oas`),
 * each with the project's ruleset file, where every rule turned off says why.
 * Both sign-in setups that change the document are linted: dev sign-in (its
 * /dev routes) and OIDC (/session and the bearer scheme).
 */

describe('the OpenAPI document passes Redocly and Spectral', () => {
  let idp: IdentityProvider;
  const servers: TestServer[] = [];
  const documents: Array<{ setup: string; doc: unknown }> = [];
  before(async () => {
    idp = await startIdentityProvider();
    servers.push(await startTestServer());
    servers.push(await startTestServer({ auth: 'oidc', oidcAudience: [AUDIENCE], oidcIssuer: idp.issuer }));
    for (const [i, setup] of ['dev sign-in', 'OIDC'].entries()) documents.push({ setup, doc: await ok(call(servers[i]!, '/openapi.json')) });
  });
  after(async () => {
    for (const server of servers) await server.close();
    await idp?.close();
    assert.deepEqual(servers.flatMap((s) => s.errors), []);
  });

  test('Redocly finds no error and no warning', async () => {
    for (const { setup, doc } of documents) assert.deepEqual(await redoclyProblems(doc), [], `Redocly on the ${setup} document`);
  });

  test('Spectral finds no error and no warning', async () => {
    for (const { setup, doc } of documents) assert.deepEqual(await spectralProblems(doc), [], `Spectral on the ${setup} document`);
  });
});
