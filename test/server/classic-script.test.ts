/**
 * Issue 16, item 6: `/dist/plaza.js` fetched as a classic script (the browser says so with
 * `Sec-Fetch-Dest: script` and `Sec-Fetch-Mode: no-cors`) gets the classic build with a
 * console warning; a module script gets the module; both answers vary on the fetch mode.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './harness.ts';

describe('plaza.js loaded by a classic script tag', () => {
  let server: TestServer;
  const staticRoot = mkdtempSync(join(tmpdir(), 'plaza-static-'));
  before(async () => {
    mkdirSync(join(staticRoot, 'dist'));
    writeFileSync(join(staticRoot, 'dist', 'plaza.js'), 'export const module = true;\n');
    writeFileSync(join(staticRoot, 'dist', 'plaza.classic.js'), '(function(){/* classic */})();\n');
    server = await startTestServer({ staticRoot });
  });
  after(async () => {
    await server.close();
    rmSync(staticRoot, { recursive: true, force: true });
  });

  /** node:http, not fetch: undici sets `Sec-Fetch-Mode` itself (to `cors`), as a browser would for fetch(). */
  function get(mode: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
    return new Promise((resolve, reject) => {
      const headers = { 'sec-fetch-dest': 'script', 'sec-fetch-mode': mode, origin: 'https://intranet.example' };
      request(`${server.url}dist/plaza.js`, { headers }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      }).on('error', reject).end();
    });
  }

  test('a classic script gets the classic build, after a warning that says what to write', async () => {
    const res = await get('no-cors');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /javascript/);
    assert.match(String(res.headers.vary), /Sec-Fetch-Mode/);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    const body = res.body;
    assert.match(body, /^console\.warn\(".*type=\\"module\\".*plaza\.classic\.js/);
    assert.ok(body.endsWith('(function(){/* classic */})();\n'), 'then the classic build');
  });

  test('a module script gets the module, also marked as varying on the fetch mode', async () => {
    const res = await get('cors');
    assert.equal(res.body, 'export const module = true;\n');
    assert.match(String(res.headers.vary), /Sec-Fetch-Mode/);
  });
});
