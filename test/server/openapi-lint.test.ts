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
    servers.push(await startTestServer({ seed: 'none' }));
    servers.push(await startTestServer({ seed: 'none', auth: 'oidc', oidcAudience: [AUDIENCE], oidcIssuer: idp.issuer }));
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

  test('every published pattern reads alike with and without the u flag', () => {
    const patterns = new Set<string>();
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        for (const [name, value] of Object.entries(node)) {
          if (name === 'pattern' && typeof value === 'string') patterns.add(value);
          else collect(value);
        }
      }
    };
    for (const { doc } of documents) collect(doc);
    assert.ok(patterns.size > 3, `patterns found: ${[...patterns].join(' ')}`);
    for (const pattern of patterns) {
      // `\p{…}` is the letter p without the flag; a trailing `/u` is a flag leaked into the text.
      assert.doesNotMatch(pattern, /\\[pP]\{|\/[dgimsuvy]+$/, pattern);
      assert.doesNotThrow(() => new RegExp(pattern, 'u'), pattern);
    }
  });

  test('Spectral finds no error and no warning', async () => {
    for (const { setup, doc } of documents) assert.deepEqual(await spectralProblems(doc), [], `Spectral on the ${setup} document`);
  });
});
