import type { Queryable } from '../server/db.ts';

/**
 * Bulk history for feed benchmarks and plan tests: status posts by the
 * directory's people, in a few spaces that share prefixes, written with one
 * `generate_series` statement per batch so 100,000 rows take seconds. Rows
 * are numbered: row `n` is `n × 7 s` before `newest`, so each batch adds older
 * history below the same first page. Ids have a ULID's shape (26 Crockford
 * base32 characters), as the server's cursors require.
 */

/** Spaces the rows are spread over; `space:bereich:` covers the first three, `space:bereich:it` the first two. */
export const FILL_SPACES = ['bereich:it', 'bereich:it/netz', 'bereich:hr', 'kantine', 'betriebsrat', 'bau:nord', 'bau:sued'];

/** Adds rows `from`…`to` (inclusive, 1-based) of the history. `actors` are people ids in the directory. */
export async function fillActivities(db: Queryable, actors: readonly string[], from: number, to: number, newest: Date): Promise<void> {
  for (let start = from; start <= to; start += 20_000) {
    const end = Math.min(to, start + 19_999);
    await db.query(
      `INSERT INTO activities (id, kind, actor_id, created_at, body, space)
       SELECT 'A0' || lpad(g::text, 24, '0'), 'status', ($1::text[])[1 + g % cardinality($1::text[])],
         $3::timestamptz - make_interval(secs => g * 7), 'Statusmeldung Nummer ' || g || ': alles im Plan.',
         ($2::text[])[1 + (g / 5) % cardinality($2::text[])]
       FROM generate_series($4::int, $5::int) AS g`,
      [actors, FILL_SPACES, newest, start, end],
    );
  }
}

/** Adds `count` comments to `threadKey` (creating it): every tenth a reply to the top-level comment before it. */
export async function fillThread(db: Queryable, threadKey: string, authors: readonly string[], count: number, newest: Date): Promise<void> {
  await db.query('INSERT INTO threads (key) VALUES ($1) ON CONFLICT (key) DO NOTHING', [threadKey]);
  const id = (g: string) => `'C0' || lpad((${g})::text, 24, '0')`;
  await db.query(
    `INSERT INTO comments (id, thread_key, parent_id, author_id, body, created_at, updated_at)
     SELECT ${id('g')}, $1, CASE WHEN g % 10 = 0 THEN ${id('g - 1')} END, ($2::text[])[1 + g % cardinality($2::text[])],
       'Beitrag ' || g || ': *Ja*, das sehen wir auch so.', $3::timestamptz - make_interval(secs => ($4::int - g) * 7),
       $3::timestamptz - make_interval(secs => ($4::int - g) * 7)
     FROM generate_series(1, $4::int) AS g`,
    [threadKey, authors, newest, count],
  );
}
