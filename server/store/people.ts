import type { Person, Profile } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';

/**
 * The columns of a `Person`, aliased to the protocol's names so rows need no
 * mapping. Other stores join people through this, so a new profile field is
 * added in one place.
 */
export function personColumns(alias: string): string {
  return `${alias}.id, ${alias}.name, ${alias}.role, ${alias}.department, ${alias}.location,
    ${alias}.email, ${alias}.phone, ${alias}.avatar_url AS "avatarUrl"`;
}

/** The same columns as one JSON object, for a person embedded in another row (a comment's author). */
export function personJson(alias: string): string {
  return `json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'role', ${alias}.role,
    'department', ${alias}.department, 'location', ${alias}.location, 'email', ${alias}.email,
    'phone', ${alias}.phone, 'avatarUrl', ${alias}.avatar_url)`;
}

/** The people with these ids, in the order asked; unknown ids are left out. */
export async function findPeople(db: Queryable, ids: readonly string[]): Promise<Person[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<Person>(`SELECT ${personColumns('p')} FROM people p WHERE p.id = ANY($1::text[])`, [ids]);
  const byId = new Map(rows.map((person) => [person.id, person]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function findPerson(db: Queryable, id: string): Promise<Person | null> {
  return (await findPeople(db, [id]))[0] ?? null;
}

/**
 * People whose first, last or any other name starts with every word of
 * `query`, ignoring case and accents ("muller" and "mueller" find Jürgen
 * Müller, "ayse" finds Ayşe). Folding happens in SQL (`plaza_fold`, migration
 * 002), on the stored terms and on the query alike. Names that start with the
 * first word come first. A company directory (thousands of rows) is a small
 * sequential scan, so no trigram index is needed.
 */
export async function searchPeople(db: Queryable, query: string, limit: number): Promise<Person[]> {
  const words = query.split(/\s+/).filter(Boolean).slice(0, 5).map(escapeLike);
  if (words.length === 0) return [];
  return db.query<Person>(
    `SELECT ${personColumns('p')} FROM people p
     WHERE NOT EXISTS (
       SELECT 1 FROM unnest($1::text[]) AS w(word)
       WHERE (' ' || p.search_terms) NOT LIKE '% ' || plaza_fold(w.word) || '%')
     ORDER BY p.search_terms LIKE plaza_fold($1[1]) || '%' DESC, p.name, p.id
     LIMIT $2`,
    [words, limit],
  );
}

/** LIKE treats % and _ as wildcards and \\ as their escape; a search for "50%" means the characters. */
function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A person with follower counts and whether `viewerId` follows them; null for an unknown id. */
export async function findProfile(db: Queryable, id: string, viewerId: string | null): Promise<Profile | null> {
  const [row] = await db.query<Profile>(
    `SELECT ${personColumns('p')},
       (SELECT count(*)::int FROM follows f WHERE f.followee_id = p.id) AS followers,
       (SELECT count(*)::int FROM follows f WHERE f.follower_id = p.id) AS following,
       EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = $2 AND f.followee_id = p.id) AS "followedByMe"
     FROM people p WHERE p.id = $1`,
    [id, viewerId],
  );
  return row ?? null;
}

/** Which of `ids` are nobody in the directory (for checking mentions). */
export async function unknownPeople(db: Queryable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{ id: string }>('SELECT id FROM people WHERE id = ANY($1::text[])', [ids]);
  const known = new Set(rows.map((row) => row.id));
  return ids.filter((id) => !known.has(id));
}

/** Everyone, by name: the dev sign-in's user switcher (the seed has a few dozen people). */
export async function listPeople(db: Queryable): Promise<Person[]> {
  return db.query<Person>(`SELECT ${personColumns('p')} FROM people p ORDER BY p.name, p.id`);
}

export async function countPeople(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
  return row?.n ?? 0;
}

export interface NewPerson extends Person {
  managerId?: string | null;
  moderator?: boolean;
}

/** Managers must be inserted before the people who report to them. */
export async function insertPerson(db: Queryable, person: NewPerson): Promise<void> {
  await db.query(
    `INSERT INTO people (id, name, role, department, location, email, phone, avatar_url, manager_id, moderator)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      person.id,
      person.name,
      person.role ?? null,
      person.department ?? null,
      person.location ?? null,
      person.email ?? null,
      person.phone ?? null,
      person.avatarUrl ?? null,
      person.managerId ?? null,
      person.moderator ?? false,
    ],
  );
}
