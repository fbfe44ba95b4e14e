import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ELEMENT_ENTRIES } from '../../build/elements.ts';

/*
 * Decision 180: each element loads the core messages and the parts its class lists
 * (`static override messages`), nothing else. A key from a part it does not list would show as
 * the key itself on a page without the element that loads that part, so every key written in the
 * element's own code and in the shared parts it imports (src/elements/) must be in one of them.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFileSync(file, 'utf8');

/** The keys of an English part, `src/core/messages/en/<part>.ts`. */
const keysOf = (part: string) => new Set([...read(join(root, 'src/core/messages/en', `${part}.ts`)).matchAll(/^ {2}'([\w.-]+)':/gm)].map((m) => m[1]!));

/** Every file a module imports (relative imports, transitively), itself included. */
function importsOf(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, spec] of read(file).matchAll(/^(?:import|export)\b[^;]*?from '(\.{1,2}\/[^']+\.ts)';/gms)) {
    const target = resolve(dirname(file), spec!);
    if (existsSync(target)) importsOf(target, seen);
  }
  return seen;
}

/** The parts a class lists: each name in `static override messages = [...]`, followed to the module it comes from. */
function partsOf(file: string): string[] {
  const code = read(file);
  const names = /static override messages = \[([^\]]*)\]/.exec(code)?.[1]?.split(',').map((n) => n.trim()).filter(Boolean) ?? [];
  return names.map((name) => {
    const from = new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from '([^']+)'`).exec(code)?.[1];
    assert.ok(from, `${relative(root, file)}: where does ${name} come from?`);
    const part = /messages\/en\/([\w-]+)\.ts/.exec(read(resolve(dirname(file), from)))?.[1];
    assert.ok(part, `${from} names no part under src/core/messages/en/`);
    return part;
  });
}

const allKeys = new Set<string>();
const parts = ['core', 'reactions', 'comment-count', 'composer', 'comments', 'person', 'profile-card', 'activity-feed', 'notifications'];
for (const part of parts) for (const key of keysOf(part)) allKeys.add(key);

test('the message parts are every file of src/core/messages/en/, and German has each of them', () => {
  const files = (language: string) => readdirSync(join(root, 'src/core/messages', language)).map((f) => f.replace(/\.ts$/, '')).sort();
  assert.deepEqual(files('en'), [...parts].sort());
  assert.deepEqual(files('de'), [...parts].sort());
});

for (const element of ELEMENT_ENTRIES.filter((e) => e.name !== 'config')) {
  test(`<${element.tag}> lists every part whose keys its code uses`, () => {
    const classFile = join(root, 'src', `${element.source}.ts`);
    const available = new Set(['core', ...partsOf(classFile)].flatMap((part) => [...keysOf(part)]));
    const missing: string[] = [];
    for (const file of importsOf(classFile)) {
      if (!file.startsWith(join(root, 'src/elements'))) continue;
      const code = read(file);
      for (const [, key] of code.matchAll(/'([a-zA-Z]+\.[\w.-]+)'/g)) if (allKeys.has(key!) && !available.has(key!)) missing.push(`${relative(root, file)}: ${key}`);
      for (const [, prefix] of code.matchAll(/`([a-zA-Z]+\.[\w.-]*\.)\$\{/g)) {
        if (![...allKeys].some((key) => key.startsWith(prefix!))) continue;
        if (![...available].some((key) => key.startsWith(prefix!))) missing.push(`${relative(root, file)}: ${prefix}…`);
      }
    }
    assert.deepEqual(missing, []);
  });
}
