import { createHash, randomBytes } from 'node:crypto';
import type { Person } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import { personColumns } from './person-columns.ts';

/** Who a valid session belongs to, and what the directory says they may do. */
export interface SessionUser {
  person: Person;
  moderator: boolean;
  /** Reads the audit log of moderation and nothing more (PLAZA_AUDITORS, PLAZA_OIDC_AUDITOR_ROLE); never stored. */
  auditor?: boolean;
}

/**
 * Creates a session and returns the token for the cookie. Only its SHA-256 is
 * stored: the token is 256 random bits, so a plain hash (no salt) is enough.
 */
export async function createSession(db: Queryable, personId: string, provider: string, maxAgeSeconds: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO sessions (token_hash, person_id, provider, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [hashToken(token), personId, provider, maxAgeSeconds],
  );
  return token;
}

/** The signed-in person, or null for an unknown, expired or other-provider token. */
export async function findSessionUser(db: Queryable, token: string, provider: string): Promise<SessionUser | null> {
  const [row] = await db.query<UserRow>(
    `SELECT ${personColumns('p')}, p.moderator
     FROM sessions s JOIN people p ON p.id = s.person_id
     WHERE s.token_hash = $1 AND s.provider = $2 AND s.expires_at > now()`,
    [hashToken(token), provider],
  );
  return row ? sessionUser(row) : null;
}

/** The person a proxy or a token names, by directory id; null when the directory has nobody by that id. */
export async function findDirectoryUser(db: Queryable, personId: string): Promise<SessionUser | null> {
  const [row] = await db.query<UserRow>(`SELECT ${personColumns('p')}, p.moderator FROM people p WHERE p.id = $1`, [personId]);
  return row ? sessionUser(row) : null;
}

type UserRow = Person & { moderator: boolean };

function sessionUser({ moderator, ...person }: UserRow): SessionUser {
  return { person, moderator };
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}

/** Run at startup: expired rows are useless and would otherwise pile up. */
export async function deleteExpiredSessions(db: Queryable): Promise<void> {
  await db.query('DELETE FROM sessions WHERE expires_at <= now()');
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
