import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompress } from '../../build/precompress.ts';

test('every script and stylesheet in dist/ gets a .br and a .gz that unpack to it; maps and tiny files do not', () => {
  const dist = mkdtempSync(join(tmpdir(), 'plaza-precompress-'));
  try {
    mkdirSync(join(dist, 'chunks'));
    const script = `export const text = ${JSON.stringify('Kommentare '.repeat(300))};\n`;
    writeFileSync(join(dist, 'plaza.js'), script);
    writeFileSync(join(dist, 'chunks', 'comments-BK_yUiSt.js'), script);
    writeFileSync(join(dist, 'plaza.js.map'), script);
    writeFileSync(join(dist, 'tiny.js'), 'x');
    writeFileSync(join(dist, 'tiny.js.br'), 'from an earlier build');

    const done = precompress(dist);

    assert.deepEqual(done.map((c) => c.file).sort(), ['chunks/comments-BK_yUiSt.js', 'plaza.js', 'tiny.js']);
    for (const file of ['plaza.js', 'chunks/comments-BK_yUiSt.js']) {
      assert.equal(brotliDecompressSync(readFileSync(join(dist, `${file}.br`))).toString(), script);
      assert.equal(gunzipSync(readFileSync(join(dist, `${file}.gz`))).toString(), script);
    }
    assert.ok(!existsSync(join(dist, 'plaza.js.map.br')), 'source maps are not compressed');
    assert.ok(!existsSync(join(dist, 'tiny.js.br')) && !existsSync(join(dist, 'tiny.js.gz')), 'a copy that saves nothing is not kept');
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
});

test('npm run build compresses dist/ after everything that writes it', () => {
  const build = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts.build!;
  const compress = build.indexOf('tsx build/precompress.ts');
  assert.ok(compress > 0, build);
  assert.ok(compress > build.lastIndexOf('vite build'), 'after the last vite build');
});
