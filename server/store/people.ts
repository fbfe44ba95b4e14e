import type { Person } from '../../src/core/protocol.ts';
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
