import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { startTestServer } from './harness.ts';

const RECORD = new URL('../../docs/datenschutz/verzeichnis-verarbeitungstaetigkeiten.md', import.meta.url);

/**
 * The record of processing (Art. 30 GDPR) promises to list every stored
 * field. This holds it to the database the migrations make: a new table or
 * column fails here until the document says what it holds and why.
 */
describe('the record of processing and the database', () => {
  test('every table and column of the migrations is listed in the record of processing', async () => {
    const server = await startTestServer({ seed: 'none' });
    try {
      const columns = await server.db.query<{ table: string; column: string }>(
        `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
         WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
      );
      const text = await readFile(RECORD, 'utf8');
      const missing: string[] = [];
      for (const { table, column } of columns) {
        const section = sectionOf(text, table);
        if (section === null) missing.push(`table ${table}`);
        else if (!section.includes(`| \`${column}\` |`)) missing.push(`${table}.${column}`);
      }
      assert.deepEqual([...new Set(missing)], [], 'add these to docs/datenschutz/verzeichnis-verarbeitungstaetigkeiten.md (purpose, recipients, retention)');
    } finally {
      await server.close();
    }
  });
});

/** The text under the heading "### `table`…" up to the next heading, or null. */
function sectionOf(text: string, table: string): string | null {
  const start = text.indexOf(`\n### \`${table}\``);
  if (start < 0) return null;
  const end = text.indexOf('\n#', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}
