import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

const ROOT = new URL('../../', import.meta.url);
const DOCS = new URL('docs/datenschutz/', ROOT);

/**
 * Every promise in docs/datenschutz/ sits in a table "Zusage → Einstellung →
 * Test" that names a test file and, in backticks after a dash, the test's
 * title: `test/server/x.test.ts` — `the title`. A works council signs these
 * documents; this keeps them from promising what no test holds any more
 * (decision 161).
 */
describe('docs/datenschutz', () => {
  const documents = readdirSync(DOCS).filter((name) => name.endsWith('.md'));

  test('has the documents of issue 19, each with an English summary', () => {
    for (const name of ['README.md', 'betriebsvereinbarung.md', 'verzeichnis-verarbeitungstaetigkeiten.md', 'tom.md', 'checkliste-dsb.md']) {
      assert.ok(documents.includes(name), `docs/datenschutz/${name} is missing`);
      assert.match(readFileSync(new URL(name, DOCS), 'utf8'), /English summary/i, `${name} has no English summary`);
    }
  });

  test('every document but the index has a table "Zusage → Einstellung → Test"', () => {
    for (const name of documents.filter((name) => name !== 'README.md')) {
      assert.match(readFileSync(new URL(name, DOCS), 'utf8'), /^\| Zusage \| Einstellung \| Test \|$/m, name);
    }
  });

  test('every test a datenschutz document names exists and has the named title', () => {
    const problems: string[] = [];
    let named = 0;
    for (const name of documents) {
      for (const { file, title } of namedTests(readFileSync(new URL(name, DOCS), 'utf8'))) {
        named++;
        const path = new URL(file, ROOT);
        if (!existsSync(path)) {
          problems.push(`${name}: ${file} does not exist`);
          continue;
        }
        if (title !== undefined && !titlesIn(readFileSync(path, 'utf8')).includes(title)) problems.push(`${name}: ${file} has no test "${title}"`);
      }
    }
    assert.ok(named >= 20, `only ${named} tests named: is the notation \`file\` — \`title\` still used?`);
    assert.deepEqual(problems, []);
  });

  test('a test waiting in a parallel branch ("offen … in Backticks setzen") is named properly once its file exists', () => {
    const due: string[] = [];
    for (const name of documents) {
      const text = readFileSync(new URL(name, DOCS), 'utf8');
      for (const line of text.split('\n').filter((line) => /in Backticks setzen/.test(line))) {
        for (const [, file] of line.matchAll(/(?<!`)(test\/[\w./-]+\.test\.ts)(?!`)/g)) if (existsSync(new URL(file!, ROOT))) due.push(`${name}: ${file}`);
      }
    }
    assert.deepEqual(due, [], 'write these as `file` — `title` so the title is checked too');
  });

  test('the checker finds a renamed test', () => {
    const source = "test('a hide is recorded', async () => {});\ndescribe(\"auditor's rights\", () => {});";
    assert.deepEqual(titlesIn(source), ['a hide is recorded', "auditor's rights"]);
    assert.deepEqual(namedTests('| x | y | `test/server/a.test.ts` — `one`; `test/e2e/b.test.ts` |'), [
      { file: 'test/server/a.test.ts', title: 'one' },
      { file: 'test/e2e/b.test.ts', title: undefined },
    ]);
  });
});

/** `test/…test.ts` in backticks, optionally followed by ` — ` and a title in backticks. */
function namedTests(markdown: string): Array<{ file: string; title: string | undefined }> {
  return [...markdown.matchAll(/`(test\/[\w./-]+\.test\.ts)`(?: — `([^`]+)`)?/g)].map((m) => ({ file: m[1]!, title: m[2] }));
}

/** The titles of `test(…)`, `it(…)` and `describe(…)` in a test file, quotes unescaped. */
function titlesIn(source: string): string[] {
  return [...source.matchAll(/\b(?:test|it|describe)\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)].map((m) => m[2]!.replace(/\\(.)/g, '$1'));
}
