/**
 * Decision 210: `plaza.js` starts, beside each element's chunk, every chunk that one imports and
 * the messages they load in the page's language (build/preload-chunks.ts), so a page does not
 * wait for one file to learn of the next. What it starts for a tag must be what the page loads
 * for that tag (the manifest's graph, build/page-chunks.mjs), and the rewrite must leave the
 * source map right. Run after `npm run build`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { pageChunks } from '../../build/page-chunks.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const loader = new URL('../../dist/plaza.js', import.meta.url);
const skip = !existsSync(loader) && 'run npm run build first';

/** Each `import()` of an element's chunk in the minified loader, with the lists the build put beside it. */
function preloads(code: string) {
  const files = (list: string) => [...list.matchAll(/`\.\/([^`]+)`/g)].map((m) => m[1]!);
  return [...code.matchAll(/\(import\(`\.\/(chunks\/[^`]+)`\),\[([^\]]*)\],\[([^\]]*)\],\[([^\]]*)\]\)/g)].map((m) => ({
    at: m.index + 1,
    chunk: m[1]!,
    imports: files(m[2]!),
    de: files(m[3]!),
    en: files(m[4]!),
  }));
}

test('the loader starts, with each element, exactly the chunks and messages a page with it loads', { skip }, () => {
  const code = readFileSync(loader, 'utf8');
  const chunksFor = pageChunks(root);
  const registry = readFileSync(new URL('../../src/registry.ts', import.meta.url), 'utf8');
  const tags = [...registry.matchAll(/'(plaza-[\w-]+)': \(\) => import\('\.\/elements\/[\w-]+\/([\w-]+)\.ts'\)/g)];
  const found = preloads(code);
  assert.equal(found.length, tags.length, 'one preloading import per tag in src/registry.ts');
  for (const [, tag, name] of tags) {
    const element = found.find((p) => p.chunk.startsWith(`chunks/${name}-`));
    assert.ok(element, `<${tag}>'s chunk is imported with its preloads`);
    for (const lang of ['de', 'en'] as const) {
      // The page also loads the loader itself; the core chunk it links through is among the tag's imports.
      const started: string[] = ['plaza.js', element.chunk, ...element.imports, ...element[lang]];
      assert.deepEqual(started.toSorted(), chunksFor([tag!], lang).toSorted(), `<${tag}> on a page in ${lang}`);
    }
  }
});

test("the loader's source map still points each element's import at its line in src/registry.ts", { skip }, () => {
  const code = readFileSync(loader, 'utf8');
  const payload = JSON.parse(readFileSync(new URL('../../dist/plaza.js.map', import.meta.url), 'utf8')) as ConstructorParameters<typeof SourceMap>[0];
  const map = new SourceMap(payload);
  const original = (offset: number) => {
    const before = code.slice(0, offset);
    const line = before.split('\n').length - 1;
    const entry = map.findEntry(line, offset - (before.lastIndexOf('\n') + 1));
    assert.ok('originalSource' in entry, `offset ${offset} is mapped`);
    const source = payload.sourcesContent![payload.sources.indexOf(entry.originalSource)]!;
    return { file: entry.originalSource, text: source.split('\n')[entry.originalLine]!.slice(entry.originalColumn) };
  };
  for (const { at, chunk } of preloads(code)) {
    const name = /^chunks\/(.+)-[\w-]{8}\.js$/.exec(chunk)![1]!;
    const { file, text } = original(at);
    assert.match(file, /src\/registry\.ts$/, chunk);
    assert.ok(text.startsWith(`import('./elements/${name}/${name}.ts')`), `${chunk} maps to its import, not to ${JSON.stringify(text.slice(0, 50))}`);
  }
  // Code after the rewritten lines maps where it did.
  const { file, text } = original(code.indexOf('new MutationObserver'));
  assert.match(file, /src\/loader\/loader\.ts$/);
  assert.ok(text.startsWith('new MutationObserver'), text);
});
