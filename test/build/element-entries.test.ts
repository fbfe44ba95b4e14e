import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vite';
import { ELEMENT_ENTRIES, elementExport, parseRegistry } from '../../build/elements.ts';
import { widgetNames } from '../../src/core/widget-names.ts';
import viteConfig from '../../vite.config.ts';

/*
 * Issue 18: the element modules were listed by hand in several places and had drifted
 * (no dist/elements/activity-feed.js or config.js; types of `plaza/elements/person` looked
 * for a folder that does not exist). src/registry.ts is the one list (build/elements.ts reads
 * it); these hold the build's entries, package.json's exports, src/define.ts and the built files to it.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };

test("the modules build has one entry per element, from the element's class module", () => {
  const config = (viteConfig as (env: { mode: string; command: 'build' }) => UserConfig)({ mode: 'modules', command: 'build' });
  const lib = config.build?.lib;
  assert.ok(lib && typeof lib.entry === 'object' && !Array.isArray(lib.entry));
  const entries = Object.fromEntries(Object.entries(lib.entry).filter(([name]) => name.startsWith('elements/')));
  const expected = Object.fromEntries(ELEMENT_ENTRIES.map((e) => [`elements/${e.name}`, join(root, 'src', `${e.source}.ts`)]));
  assert.deepEqual(entries, expected);
});

test("package.json exports every element's module and its types, and nothing by wildcard", () => {
  const elementKeys = Object.keys(pkg.exports).filter((key) => key.startsWith('./elements/'));
  assert.deepEqual(elementKeys, ELEMENT_ENTRIES.map((e) => `./elements/${e.name}`));
  for (const entry of ELEMENT_ENTRIES) assert.deepEqual(pkg.exports[`./elements/${entry.name}`], elementExport(entry), entry.name);
});

test('src/define.ts registers exactly the listed elements under their tags', () => {
  const define = readFileSync(join(root, 'src', 'define.ts'), 'utf8');
  const block = /export const elements = \{([\s\S]*?)\}/.exec(define)?.[1] ?? '';
  const registered = [...block.matchAll(/'(plaza-[\w-]+)': (\w+)/g)].map((m) => `${m[1]} ${m[2]}`).sort();
  assert.deepEqual(registered, ELEMENT_ENTRIES.map((e) => `${e.tag} ${e.className}`).sort());
});

test('build/elements.ts reads every tag of src/registry.ts, each from its own folder', () => {
  // Not imported: its dynamic imports would bring the elements into this Node typecheck.
  const registry = readFileSync(join(root, 'src', 'registry.ts'), 'utf8');
  assert.deepEqual(ELEMENT_ENTRIES.map((e) => e.tag), [...registry.matchAll(/^\s*['"](plaza-[\w-]+)['"]:/gm)].map((m) => m[1]));
  for (const entry of ELEMENT_ENTRIES) assert.ok(existsSync(join(root, 'src', `${entry.source}.ts`)), `src/${entry.source}.ts exists`);
});

test('a registry line that breaks the pattern fails the build instead of dropping the element', () => {
  const registry = (line: string) => `export const registry: Record<PlazaTag, Load> = {\n${line}\n};\n`;
  assert.throws(() => parseRegistry(registry("  'plaza-x': () => import('./elements/y/x.ts').then((m) => m.PlazaX),")), /not '<tag>'/);
  assert.throws(() => parseRegistry(registry('  "plaza-x": () => import("./elements/x/x.ts").then((m) => m.PlazaX),')), /not '<tag>'/);
  assert.deepEqual(parseRegistry(registry("  'plaza-x': () => import('./elements/x/x.ts').then((m) => m.PlazaX),")), [
    { name: 'x', tag: 'plaza-x', className: 'PlazaX', source: 'elements/x/x' },
  ]);
});

test("a CMS placeholder's widget name is the element's subpath name (data-plaza=\"comment-count\" ↔ plaza/elements/comment-count)", () => {
  const shown = ELEMENT_ENTRIES.filter((e) => e.tag !== 'plaza-config');
  assert.deepEqual(widgetNames(ELEMENT_ENTRIES.map((e) => e.tag)), shown.map((e) => e.name));
});

test('after the build, every element has its module and a .d.ts that declares its class', { skip: !existsSync(join(root, 'dist', 'plaza.js')) && 'run npm run build first' }, () => {
  for (const entry of ELEMENT_ENTRIES) {
    const { types, default: module } = elementExport(entry);
    assert.ok(existsSync(join(root, module)), `${module} is built`);
    assert.ok(existsSync(join(root, types)), `${types} is built`);
    assert.match(readFileSync(join(root, types), 'utf8'), new RegExp(`export declare class ${entry.className}\\b`), types);
  }
});
