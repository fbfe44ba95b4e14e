import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from './harness.ts';

/**
 * How `/dist/` reaches an intranet page (issue 16, item 14): the files the build
 * compressed, chosen by the browser's `Accept-Encoding`, kept for a year when their
 * name carries their content's hash and revalidated otherwise.
 */
interface Wire {
  status: number;
  headers: Headers;
  body: Buffer;
  text(): string;
}

describe('the library is served precompressed and cacheable', () => {
  let server: TestServer;
  const staticRoot = mkdtempSync(join(tmpdir(), 'plaza-dist-cache-'));
  const dist = join(staticRoot, 'dist');
  const entry = `export const greeting = ${JSON.stringify('Hallo Plaza '.repeat(400))};\n`;
  const chunk = `export const chunk = ${JSON.stringify('chunk '.repeat(400))};\n`;

  /** What the build writes: the file and, beside it, its .br and .gz. */
  function writeBuilt(path: string, text: string): void {
    writeFileSync(path, text);
    writeFileSync(`${path}.br`, brotliCompressSync(text));
    writeFileSync(`${path}.gz`, gzipSync(text));
  }

  before(async () => {
    mkdirSync(join(dist, 'chunks'), { recursive: true });
    mkdirSync(join(dist, 'elements'));
    writeBuilt(join(dist, 'plaza.js'), entry);
    writeBuilt(join(dist, 'elements', 'comments.js'), entry);
    writeBuilt(join(dist, 'chunks', 'comments-BK_yUiSt.js'), chunk);
    // A file another build step adds without compressed copies is still served, uncompressed.
    writeFileSync(join(dist, 'plaza-classic.js'), entry);
    server = await startTestServer({ staticRoot });
  });
  after(async () => {
    await server.close();
    rmSync(staticRoot, { recursive: true, force: true });
    assert.deepEqual(server.errors, []);
  });

  /** The bytes as they travel (fetch would decompress them), with the answer's headers. */
  function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Wire> {
    return new Promise((resolve, reject) => {
      const req = request(`${server.url}dist/${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const h = new Headers();
          for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') h.set(name, value);
          resolve({ status: res.statusCode ?? 0, headers: h, body, text: () => body.toString() });
        });
      });
      req.on('error', reject);
      req.end();
    });
  }

  test('brotli to browsers that accept it, gzip to the others, the file itself to the rest', async () => {
    const br = await get('plaza.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    assert.equal(br.status, 200);
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.match(br.headers.get('vary') ?? '', /accept-encoding/i);
    assert.match(br.headers.get('content-type') ?? '', /javascript/);
    const brBytes = br.body;
    assert.equal(brotliDecompressSync(brBytes).toString(), entry);
    assert.equal(Number(br.headers.get('content-length')), brBytes.length);
    assert.ok(brBytes.length < entry.length / 10, `${brBytes.length} bytes on the wire for ${entry.length}`);

    const gz = await get('plaza.js', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.equal(gunzipSync(gz.body).toString(), entry);

    const refused = await get('plaza.js', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    assert.equal(refused.headers.get('content-encoding'), null);
    assert.match(refused.headers.get('vary') ?? '', /accept-encoding/i, 'caches must keep the variants apart');
    assert.equal(refused.text(), entry);

    const plain = await get('plaza-classic.js', { 'accept-encoding': 'br, gzip' });
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(plain.text(), entry);
  });

  test('entry files are revalidated (no-cache with an ETag), and an unchanged one costs a 304', async () => {
    for (const path of ['plaza.js', 'elements/comments.js', 'plaza-classic.js']) {
      const res = await get(path, { 'accept-encoding': 'br' });
      assert.match(res.headers.get('cache-control') ?? '', /(^|[ ,])no-cache($|[ ,])/, path);
      assert.doesNotMatch(res.headers.get('cache-control') ?? '', /immutable|max-age=[1-9]/, path);
      const etag = res.headers.get('etag');
      assert.ok(etag, `${path} has an ETag`);
      assert.ok(res.headers.get('last-modified'), `${path} has Last-Modified`);

      const again = await get(path, { 'accept-encoding': 'br', 'if-none-match': etag });
      assert.equal(again.status, 304, path);
      assert.equal(again.text(), '');
      assert.equal(again.headers.get('etag'), etag);
    }
    const br = (await get('plaza.js', { 'accept-encoding': 'br' })).headers.get('etag');
    const gz = (await get('plaza.js', { 'accept-encoding': 'gzip' })).headers.get('etag');
    assert.notEqual(br, gz, 'each encoding is its own representation');
  });

  test('a rebuilt entry file gets a new ETag, so browsers load it at once', async () => {
    const before = (await get('elements/comments.js')).headers.get('etag');
    writeBuilt(join(dist, 'elements', 'comments.js'), `${entry}// rebuilt\n`);
    const later = new Date(Date.now() + 5_000);
    for (const suffix of ['', '.br', '.gz']) utimesSync(join(dist, 'elements', `comments.js${suffix}`), later, later);
    const res = await get('elements/comments.js', { 'if-none-match': before! });
    assert.equal(res.status, 200);
    assert.match(res.text(), /rebuilt/);
  });

  test('content-hashed chunks are immutable for a year', async () => {
    const res = await get('chunks/comments-BK_yUiSt.js', { 'accept-encoding': 'br' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), 'br');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(brotliDecompressSync(res.body).toString(), chunk);
  });

  test('still public to every origin; HEAD works; outside dist/ and missing files are 404', async () => {
    const res = await get('plaza.js', { origin: 'https://intranet.example', 'accept-encoding': 'br' });
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');

    const head = await get('plaza.js', { 'accept-encoding': 'gzip' }, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-encoding'), 'gzip');
    assert.equal(head.body.length, 0);

    for (const path of ['nothing.js', '..%2Fpackage.json', '%2e%2e/package.json', 'chunks/']) {
      const missing = await get(path);
      assert.equal(missing.status, 404, path);
    }
  });
});
