import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/*
 * Issue 18, item 4: the names `import … from 'plaza'` offers. `export *` of the protocol beside
 * the DOM event classes let a DOM class silently shadow the protocol's realtime event of the
 * same name (TypeScript keeps the explicit export and says nothing), so the root is read the
 * way the compiler reads it and every name must come from one place only.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const index = join(root, 'src', 'index.ts');
const program = ts.createProgram([index], {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  experimentalDecorators: true,
  noEmit: true,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
});
const checker = program.getTypeChecker();

/** Each name the root exports, with every module it comes from (explicit lists and `export *` alike). */
function rootExports(): Map<string, string[]> {
  const names = new Map<string, string[]>();
  const add = (name: string, from: string) => names.set(name, [...(names.get(name) ?? []), from]);
  const source = program.getSourceFile(index)!;
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier) continue;
    const from = (statement.moduleSpecifier as ts.StringLiteral).text;
    if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) add(element.name.text, from);
    } else {
      const module = checker.getSymbolAtLocation(statement.moduleSpecifier);
      assert.ok(module, `${from} resolves`);
      for (const symbol of checker.getExportsOfModule(module)) add(symbol.name, from);
    }
  }
  return names;
}

/** Where the root's export of `name` is declared, relative to src/. */
function declaredIn(name: string): string {
  const module = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  let symbol = checker.getExportsOfModule(module).find((s) => s.name === name);
  assert.ok(symbol, `the root exports ${name}`);
  if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return relative(join(root, 'src'), symbol.declarations![0]!.getSourceFile().fileName);
}

test('the root exports no name twice', () => {
  const twice = [...rootExports()].filter(([, from]) => from.length > 1).map(([name, from]) => `${name} (${from.join(', ')})`);
  assert.deepEqual(twice, [], 'names exported from more than one module');
});

test("the protocol's realtime event types are the root's names for them", () => {
  const realtime = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(join(root, 'src', 'core', 'protocol.ts'))!)!).find((s) => s.name === 'RealtimeEvent')!;
  const union = checker.getDeclaredTypeOfSymbol(realtime);
  assert.ok(union.isUnion());
  const members = union.types.map((type) => (type.aliasSymbol ?? type.getSymbol())!.name);
  assert.ok(members.includes('CommentDeletedEvent') && members.includes('ReactionChangedEvent'));
  for (const name of members) assert.equal(declaredIn(name), join('core', 'protocol.ts'), `${name} from 'plaza'`);
});

test('every DOM event class is Plaza…Event after its type and is exported from the root', () => {
  const classes = eventClasses();
  assert.ok(classes.length >= 20, `found the event classes (${classes.length})`);
  const wrong = classes.filter(({ name, type }) => name !== expectedName(type)).map(({ name, type, file }) => `${file}: ${name} fires ${type}, expected ${expectedName(type)}`);
  assert.deepEqual(wrong, []);
  const exported = rootExports();
  const missing = classes.filter(({ name }) => !exported.has(name)).map(({ name }) => name);
  assert.deepEqual(missing, [], 'event classes the root does not export');
});

/** `plaza-comment-deleted` → `PlazaCommentDeletedEvent`. */
function expectedName(type: string): string {
  return `${type.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}Event`;
}

/** Every `class X extends Event` under src/, with the type string its constructor passes to `super`. */
function eventClasses(): Array<{ name: string; type: string; file: string }> {
  const found: Array<{ name: string; type: string; file: string }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const match of text.matchAll(/class (\w+) extends (?:Custom)?Event\b[^{]*\{[\s\S]*?super\('([^']+)'/g)) {
          found.push({ name: match[1]!, type: match[2]!, file: relative(root, path) });
        }
      }
    }
  };
  walk(join(root, 'src'));
  return found;
}
