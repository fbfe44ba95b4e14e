import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db.ts';

/**
 * The key unsubscribe links are signed with: PLAZA_SECRET when set, else one
 * made at the first start and kept in `server_secrets`, so every instance on
 * one database signs and checks alike and links survive restarts. Changing
 * PLAZA_SECRET (or deleting the row) invalidates every link already mailed.
 */
export async function signingSecret(db: Queryable, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  // Two instances starting at once: the first insert wins, both read the winner.
  await db.query(`INSERT INTO server_secrets (name, value) VALUES ('links', $1) ON CONFLICT (name) DO NOTHING`, [randomBytes(32).toString('base64url')]);
  const [row] = await db.query<{ value: string }>(`SELECT value FROM server_secrets WHERE name = 'links'`);
  return row!.value;
}
