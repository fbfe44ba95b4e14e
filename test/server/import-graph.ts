import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The static import graph of a folder's TypeScript modules, for the
 * architecture test: which module imports which (relative imports only;
 * packages and files outside the folder are no edges). Type-only imports
 * count too: a cycle of types is still two modules that cannot be read,
 * moved or tested apart.
 */
export function importGraph(folder: string): Map<string, string[]> {
  const root = resolve(folder);
  const graph = new Map<string, string[]>();
  for (const file of typescriptFiles(root)) {
    const source = readFileSync(file, 'utf8');
    const targets = new Set<string>();
    // `import … from '…'`, `export … from '…'` and `import('…')`; a bare `import '…'` too.
    for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), match[1]!);
      if (target.startsWith(root + '/') && target.endsWith('.ts')) targets.add(relative(root, target));
    }
    graph.set(relative(root, file), [...targets].sort());
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the modules along it (first one repeated at the end); none when the graph is a DAG. */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (module: string): void => {
    state.set(module, 'open');
    path.push(module);
    for (const next of graph.get(module) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(module, 'done');
  };
  for (const module of [...graph.keys()].sort()) if (!state.has(module)) visit(module);
  return cycles;
}

function typescriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}
