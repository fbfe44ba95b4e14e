import type { ThreadWatch } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';

/**
 * Who watches which thread: a watcher hears of every new comment in it
 * (notifications, kind `comment`). Writing a comment watches its thread (the
 * notifications projector does that); these are the explicit switches.
 */

export async function isWatching(db: Queryable, threadKey: string, personId: string): Promise<ThreadWatch> {
  const [row] = await db.query<{ watching: boolean }>('SELECT EXISTS (SELECT 1 FROM thread_watches WHERE thread_key = $1 AND person_id = $2) AS watching', [
    threadKey,
    personId,
  ]);
  return { key: threadKey, watching: row!.watching };
}

/** Starts or stops watching; watching a thread nobody wrote in yet makes its row (as its first comment would). */
export async function setWatching(tx: Queryable, threadKey: string, personId: string, watching: boolean): Promise<ThreadWatch> {
  if (watching) {
    await tx.query('INSERT INTO threads (key) VALUES ($1) ON CONFLICT (key) DO NOTHING', [threadKey]);
    await tx.query('INSERT INTO thread_watches (thread_key, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [threadKey, personId]);
  } else {
    await tx.query('DELETE FROM thread_watches WHERE thread_key = $1 AND person_id = $2', [threadKey, personId]);
  }
  return { key: threadKey, watching };
}
