import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { importCycles, importGraph } from './import-graph.ts';

/**
 * The server's shape (issue 18): modules that import each other in a circle
 * cannot be understood, moved or tested one at a time, and every new feature
 * would have to join the knot.
 */
const SERVER = fileURLToPath(new URL('../../server', import.meta.url));

describe('the server is cut cleanly', () => {
  test('no import cycles in server/', () => {
    const cycles = importCycles(importGraph(SERVER));
    assert.deepEqual(cycles.map((cycle) => cycle.join(' → ')), []);
  });

  test('no routes file imports another one: what two resources share lives in a module of its own', () => {
    const graph = importGraph(SERVER);
    const registers = (file: string) => /export function register\w*Routes\b/.test(readFileSync(`${SERVER}/${file}`, 'utf8'));
    const crossings = [...graph].flatMap(([file, imports]) =>
      file.startsWith('routes/') && file !== 'routes/api.ts' ? imports.filter((target) => target.startsWith('routes/') && registers(target)).map((target) => `${file} → ${target}`) : [],
    );
    assert.deepEqual(crossings, []);
  });

  test('only server/events/log.ts names the event log table in SQL', () => {
    const sql = /\b(?:FROM|INTO|UPDATE|JOIN)\s+events\b|'events'::regclass/;
    const naming = [...importGraph(SERVER).keys()].filter((file) => file !== 'events/log.ts' && sql.test(readFileSync(`${SERVER}/${file}`, 'utf8')));
    assert.deepEqual(naming, []);
  });
});

describe('the import graph walker', () => {
  test('finds a cycle, and none in a tree', () => {
    const cyclic = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
    assert.deepEqual(importCycles(cyclic), [['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    assert.deepEqual(importCycles(new Map([['a.ts', ['b.ts', 'c.ts']], ['b.ts', ['c.ts']], ['c.ts', []]])), []);
  });

  test('sees this file import the walker', () => {
    const graph = importGraph(fileURLToPath(new URL('.', import.meta.url)));
    assert.ok(graph.get('architecture.test.ts')?.includes('import-graph.ts'));
  });
});
