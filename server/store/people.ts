import { topics, type Person, type Profile } from '../../src/core/protocol.ts';
import type { Database, Queryable, Transaction } from '../db.ts';
import type { EventBus } from '../events/bus.ts';
import type { Publish } from '../events/types.ts';
import { withoutBus } from '../projections/index.ts';
import { managerCycle } from './org-chart.ts';
import { personColumns, personJson } from './person-columns.ts';
import { escapeLike } from './sql.ts';

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

/** A person with their manager, follower counts and whether `viewerId` follows them; null for an unknown id. */
export async function findProfile(db: Queryable, id: string, viewerId: string | null): Promise<Profile | null> {
  return (await findProfiles(db, [id], viewerId))[0] ?? null;
}

/** Several profiles in one statement (a page of profile cards), in the order asked, unknown ids left out. */
export async function findProfiles(db: Queryable, ids: readonly string[], viewerId: string | null): Promise<Profile[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<Profile>(
    `SELECT ${personColumns('p')},
       (SELECT ${personJson('m')} FROM people m WHERE m.id = p.manager_id) AS manager,
       (SELECT count(*)::int FROM follows f WHERE f.followee_id = p.id) AS followers,
       (SELECT count(*)::int FROM follows f WHERE f.follower_id = p.id) AS following,
       EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = $2 AND f.followee_id = p.id) AS "followedByMe"
     FROM people p WHERE p.id = ANY($1::text[])`,
    [ids, viewerId],
  );
  const byId = new Map(rows.map((profile) => [profile.id, profile]));
  return ids.flatMap((id) => byId.get(id) ?? []);
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

/** Someone who signed in before the directory knew them: what the proxy or the token says, cleaned. */
export interface Newcomer {
  id: string;
  name: string;
  email: string | null;
}

/**
 * Adds a newcomer with a minimal profile and records that they joined
 * (`person.joined`, private: the feed makes it a "joined" activity), in the
 * caller's transaction; true when this call added them. Two first requests
 * of a newcomer may race: the second insert does nothing, and so records
 * nothing, which keeps the "joined" activity to one.
 */
export async function addNewcomer(tx: Queryable, publish: Publish, person: Newcomer): Promise<boolean> {
  const inserted = await tx.query('INSERT INTO people (id, name, email) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id', [
    person.id,
    person.name,
    person.email,
  ]);
  if (inserted.length === 0) return false;
  await publish({ type: 'person.joined', person: person.id });
  return true;
}

/** Records what the identity provider says about someone's moderator role. */
export async function updateModerator(db: Queryable, personId: string, moderator: boolean): Promise<void> {
  await db.query('UPDATE people SET moderator = $2 WHERE id = $1', [personId, moderator]);
}

/**
 * A person as a directory import gives them. A field left undefined is one the
 * source has no column for: an existing person keeps theirs (a new one gets
 * null). Null clears it.
 */
export interface PersonUpsert extends Person {
  managerId?: string | null;
}

export interface UpsertResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/** Any constant (not the migrations' or the seed's): one directory import at a time, across instances. */
const IMPORT_LOCK = 7_406_114;

/** The fields an import compares and writes, in the column order of the write below. */
const UPSERT_FIELDS = ['name', 'role', 'department', 'location', 'email', 'phone', 'avatarUrl', 'managerId'] as const;
type StoredPerson = { id: string } & Record<(typeof UPSERT_FIELDS)[number], string | null>;

/**
 * Creates or updates these people (by id) in one transaction, and tells which
 * ids it created, changed or found as they were. Never deletes anyone: people
 * missing from `rows` are left alone. Managers may be other rows, in any
 * order, or people already in the directory. Throws, writing nothing, if a
 * manager is unknown or the reporting lines would form a loop; callers that
 * want good messages (the import CLI) check that first, this is the guard
 * that holds inside the transaction. `dryRun` does all of it but the write.
 * Everyone it creates is recorded as `person.joined` for the projectors (the
 * feed's "joined" activity), except on the first import into an empty
 * directory; everyone it changes as `person.updated` on their topic. With
 * `bus` (the CLI's) these are logged and announced, so open pages show new
 * names (servers on the same PostgreSQL deliver them); without, only the
 * projectors see them and feeds show the joining when next loaded.
 */
export async function upsertPeople(db: Database, rows: readonly PersonUpsert[], options: { dryRun?: boolean; bus?: EventBus } = {}): Promise<UpsertResult> {
  const seen = new Set<string>();
  const twice = rows.find((row) => seen.size === seen.add(row.id).size);
  // PostgreSQL refuses an upsert that touches one row twice; say which.
  if (twice) throw new Error(`"${twice.id}" is given twice; each person once.`);
  const inTransaction = <T>(work: (tx: Transaction, publish: Publish) => Promise<T>) => (options.bus ? options.bus.transaction(work) : withoutBus(db, work));
  return inTransaction(async (tx, publish) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    // Locking the existing rows keeps a concurrent write (a profile erased) from slipping between read and write.
    const existing = await tx.query<StoredPerson>(
      `SELECT id, name, role, department, location, email, phone, avatar_url AS "avatarUrl", manager_id AS "managerId"
       FROM people WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
      [rows.map((row) => row.id)],
    );
    const before = new Map(existing.map((person) => [person.id, person]));
    const result: UpsertResult = { created: [], updated: [], unchanged: [] };
    const writes: StoredPerson[] = [];
    for (const row of rows) {
      const old = before.get(row.id);
      const merged = { id: row.id } as StoredPerson;
      for (const field of UPSERT_FIELDS) merged[field] = (row[field] === undefined ? old?.[field] : row[field]) ?? null;
      if (!old) result.created.push(row.id);
      else if (UPSERT_FIELDS.some((field) => merged[field] !== old[field])) result.updated.push(row.id);
      else {
        result.unchanged.push(row.id);
        continue;
      }
      writes.push(merged);
    }
    await checkReportingLines(tx, writes);
    if (options.dryRun || writes.length === 0) return result;
    // The first import fills an empty directory: "everyone joined" would bury every feed in news of nobody.
    const [{ hadPeople } = { hadPeople: false }] = await tx.query<{ hadPeople: boolean }>('SELECT EXISTS (SELECT 1 FROM people) AS "hadPeople"');

    // One statement for all rows: foreign keys are checked at its end, so a manager may come after their reports.
    const column = (field: (typeof UPSERT_FIELDS)[number] | 'id') => writes.map((person) => person[field]);
    // `xmax = 0` marks a row this statement inserted rather than updated (PostgreSQL's upsert idiom). It is
    // asked, not taken from `result.created`: a newcomer's first sign-in may have added one of them since the
    // read above, and has then recorded their joining itself.
    const written = await tx.query<{ id: string; inserted: boolean }>(
      `INSERT INTO people (id, name, role, department, location, email, phone, avatar_url, manager_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, department = EXCLUDED.department,
         location = EXCLUDED.location, email = EXCLUDED.email, phone = EXCLUDED.phone, avatar_url = EXCLUDED.avatar_url,
         manager_id = EXCLUDED.manager_id
       RETURNING id, xmax = 0 AS inserted`,
      [column('id'), ...UPSERT_FIELDS.map(column)],
    );
    const inserted = new Set(written.filter((row) => row.inserted).map((row) => row.id));
    if (hadPeople) for (const id of result.created) if (inserted.has(id)) await publish({ type: 'person.joined', person: id });
    for (const person of await findPeople(tx, result.updated)) await publish({ type: 'person.updated', topic: topics.person(person.id), person });
    return result;
  });
}

/** Every manager of `writes` exists (among them or in the directory), and no reporting line loops. */
async function checkReportingLines(tx: Queryable, writes: readonly StoredPerson[]): Promise<void> {
  if (!writes.some((person) => person.managerId !== null)) return;
  const links = await tx.query<{ id: string; managerId: string | null }>('SELECT id, manager_id AS "managerId" FROM people');
  const managerOf = new Map(links.map((link) => [link.id, link.managerId]));
  for (const person of writes) managerOf.set(person.id, person.managerId);
  const unknown = writes.filter((person) => person.managerId !== null && !managerOf.has(person.managerId));
  if (unknown.length > 0) {
    throw new Error(`Unknown managers: ${unknown.map((person) => `${person.id} → ${person.managerId}`).join(', ')}.`);
  }
  for (const person of writes) {
    const cycle = managerCycle(person.id, (id) => managerOf.get(id));
    if (cycle) throw new Error(`The reporting line loops: ${cycle.join(' → ')}.`);
  }
}

/** Id, e-mail and manager of everyone: what an import resolves managers against. */
export async function directoryLinks(db: Queryable): Promise<Array<{ id: string; email: string | null; managerId: string | null }>> {
  return db.query('SELECT id, email, manager_id AS "managerId" FROM people ORDER BY id');
}
