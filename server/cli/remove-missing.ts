import type { EraseMode } from '../config.ts';
import type { Database } from '../db.ts';
import type { EventBus } from '../events/bus.ts';
import { erasePerson } from '../store/privacy.ts';

/**
 * `plaza import-people --remove-missing`: leavers. Everyone in the directory
 * whom the HR export no longer lists is erased as `DELETE /me` erases
 * (`PLAZA_ERASE_MODE`), a batch of people per transaction, through the event
 * bus, so pages open on the servers drop them (with PostgreSQL the servers
 * read the log this writes and are woken by its NOTIFY; with PGlite no
 * server runs beside the import, so there is nobody to tell).
 *
 * The guard: a truncated or wrong file must not erase the company. More than
 * `maxShare` of the directory missing is refused unless forced, and so is a
 * file with nobody in it.
 */

/** Default share of the directory a removal may take without `--force`. */
export const DEFAULT_MAX_REMOVAL_PERCENT = 10;
export const DEFAULT_BATCH = 50;

export interface Missing {
  /** Who would go, by id, with their names for the dry run's list. */
  people: Array<{ id: string; name: string }>;
  /** Everyone in the directory before the import. */
  directory: number;
}

/** The people in the directory that `keep` (the file's ids) does not list. */
export async function findMissing(db: Database, keep: readonly string[]): Promise<Missing> {
  const people = await db.query<{ id: string; name: string }>('SELECT id, name FROM people WHERE NOT (id = ANY($1::text[])) ORDER BY id', [keep]);
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
  return { people, directory: row?.n ?? 0 };
}

/** Why the removal is refused without --force, or null when it may go ahead. */
export function refusal(missing: Missing, fileCount: number, maxPercent: number): string | null {
  const n = missing.people.length;
  if (n === 0) return null;
  if (fileCount === 0) return `the file lists nobody, so everyone (${n}) would be erased.`;
  const percent = (100 * n) / Math.max(missing.directory, 1);
  if (percent > maxPercent) {
    return `${n} of ${missing.directory} people (${percent.toFixed(0)} %) are missing from the file, more than ${maxPercent} %: is the file complete?`;
  }
  return null;
}

export interface Erased {
  people: number;
  comments: number;
  statusPosts: number;
  reactions: number;
}

/** Erases `ids`, `batch` per transaction; a failing batch stops the run (the batches before it stay done). */
export async function eraseMissing(bus: EventBus, ids: readonly string[], mode: EraseMode, reactionKinds: readonly string[], batch: number, progress: (done: number) => void): Promise<Erased> {
  const total: Erased = { people: 0, comments: 0, statusPosts: 0, reactions: 0 };
  for (let at = 0; at < ids.length; at += batch) {
    const slice = ids.slice(at, at + batch);
    await bus.transaction(async (tx, publish) => {
      for (const id of slice) {
        // Someone erased meanwhile (DELETE /me) has nothing left to erase.
        const [exists] = await tx.query('SELECT 1 FROM people WHERE id = $1 FOR UPDATE', [id]);
        if (!exists) continue;
        const receipt = await erasePerson(tx, publish, id, mode, reactionKinds);
        total.people++;
        total.comments += receipt.comments;
        total.statusPosts += receipt.statusPosts;
        total.reactions += receipt.reactions;
      }
    });
    progress(Math.min(at + batch, ids.length));
  }
  return total;
}

export function describeMissing(missing: Missing): string {
  const shown = missing.people.slice(0, 50).map((person) => `${person.name} (${person.id})`);
  const more = missing.people.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}
