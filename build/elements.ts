import { readFileSync } from 'node:fs';

/**
 * The element modules a bundler imports one by one (`plaza/elements/<name>`), read from the one
 * registry of tags, src/registry.ts (decision 136): the build's module entries (vite.config.ts
 * `--mode modules`) are made from it, and test/build/element-entries.test.ts holds package.json's
 * `exports`, src/define.ts and the built `.js`/`.d.ts` files to it. Each element lives in its own
 * folder, `src/elements/<name>/`, whose class module is `<name>.ts`; `<name>` is the tag without
 * `plaza-`, the subpath and the CMS placeholder's widget name.
 */
export interface ElementEntry {
  /** The subpath: `plaza/elements/<name>`, built to `dist/elements/<name>.js`. */
  name: string;
  /** The custom element's tag. */
  tag: `plaza-${string}`;
  /** The class the module exports. */
  className: string;
  /** The class module under `src/`, without its extension (types land in `dist/types/<source>.d.ts`). */
  source: string;
}

/** One registry line: `'plaza-x': () => import('./elements/x/x.ts').then((m) => m.PlazaX),`. */
const LINE = /^\s*'(plaza-([\w-]+))': \(\) => import\('\.\/(elements\/\2\/\2)\.ts'\)\.then\(\(m\) => m\.(\w+)\),?$/;

/** Every element of the registry, in its order; throws on any line of the list that breaks the pattern, so none is left out unseen. */
export function parseRegistry(text: string): ElementEntry[] {
  const block = /^export const registry\b.*= \{$([\s\S]*?)^\};$/m.exec(text)?.[1];
  if (block === undefined) throw new Error('src/registry.ts: no `export const registry … = {` … `};` block');
  const lines = block.split('\n').filter((line) => line.trim() !== '');
  return lines.map((line) => {
    const match = LINE.exec(line);
    if (!match) throw new Error(`src/registry.ts: "${line.trim()}" is not '<tag>': () => import('./elements/<name>/<name>.ts').then((m) => m.<Class>)`);
    const [, tag, name, source, className] = match as unknown as [string, `plaza-${string}`, string, string, string];
    return { name, tag, className, source };
  });
}

export const ELEMENT_ENTRIES: readonly ElementEntry[] = parseRegistry(readFileSync(new URL('../src/registry.ts', import.meta.url), 'utf8'));

/** package.json's `exports` entry for one element, as the build lays it out. */
export function elementExport(entry: ElementEntry): { types: string; default: string } {
  return { types: `./dist/types/${entry.source}.d.ts`, default: `./dist/elements/${entry.name}.js` };
}
