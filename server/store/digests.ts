import type { Queryable } from '../db.ts';

/**
 * The daily digest's waiting entries (table `digest_entries`, migration 011):
 * `dispatch` notes a new entry whose recipient chose `digest`, in the write's
 * transaction; the day's digest (notifications/digest.ts) takes a person's
 * entries in the transaction that queues their mail.
 */

/** Notes a new notification for its recipient's next digest (a replayed projection notes nothing twice). */
export async function noteForDigest(tx: Queryable, notificationId: string, recipientId: string): Promise<void> {
  await tx.query(`INSERT INTO digest_entries (notification_id, recipient_id) VALUES ($1, $2) ON CONFLICT (notification_id) DO NOTHING`, [notificationId, recipientId]);
}

/** Everyone with entries waiting, in a stable order (a run taken over after a crash walks the same list). */
export async function peopleWithDigestEntries(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ id: string }>(`SELECT DISTINCT recipient_id AS id FROM digest_entries ORDER BY recipient_id`);
  return rows.map((row) => row.id);
}

/**
 * Takes `personId`'s waiting entries (locked until the transaction ends) and
 * answers those still worth telling, newest first: unread, and still
 * readable. A withdrawn entry is gone already (its row cascades); what is
 * left out here is a status post deleted after the entry was made (its
 * entries are not a foreign key) and a comment deleted or hidden since,
 * except a moderator's report of it (moderators read hidden comments).
 * `forget` drops the taken entries, shown or not.
 */
export async function takeDigestEntries(tx: Queryable, personId: string): Promise<{ ids: string[]; forget: () => Promise<void> }> {
  const taken = await tx.query<{ id: string; shown: boolean }>(
    `SELECT e.notification_id::text AS id,
       (n.read_at IS NULL
        AND (n.activity_id IS NULL OR EXISTS (SELECT 1 FROM activities s WHERE s.id = n.activity_id))
        AND (n.comment_id IS NULL OR EXISTS (
          SELECT 1 FROM comments c WHERE c.id = n.comment_id AND c.deleted_at IS NULL AND (c.hidden_at IS NULL OR n.kind = 'report')))) AS shown
     FROM digest_entries e JOIN notifications n ON n.id = e.notification_id
     WHERE e.recipient_id = $1
     ORDER BY n.updated_at DESC, n.id DESC
     FOR UPDATE OF e`,
    [personId],
  );
  return {
    ids: taken.filter((row) => row.shown).map((row) => row.id),
    forget: async () => {
      await tx.query(`DELETE FROM digest_entries WHERE notification_id = ANY($1::bigint[])`, [taken.map((row) => row.id)]);
    },
  };
}
