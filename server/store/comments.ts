import type { Queryable } from '../db.ts';

/**
 * Threads and comments. Only the writes the demo seed needs live here for now;
 * the comment routes (next issue) add their queries beside them.
 */

export async function insertThread(db: Queryable, key: string, createdAt: Date): Promise<void> {
  await db.query('INSERT INTO threads (key, created_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, createdAt]);
}

export interface NewComment {
  id: string;
  threadKey: string;
  parentId: string | null;
  authorId: string;
  body: string;
  createdAt: Date;
  deletedAt?: Date | null;
}

export async function insertComment(db: Queryable, comment: NewComment): Promise<void> {
  await db.query(
    `INSERT INTO comments (id, thread_key, parent_id, author_id, body, created_at, updated_at, deleted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7)`,
    [comment.id, comment.threadKey, comment.parentId, comment.authorId, comment.body, comment.createdAt, comment.deletedAt ?? null],
  );
}
