import { topics, type Person, type ReactionPeople, type ReactionSummary, type ThreadPage } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import type { Publish } from '../events/types.ts';
import { CURSOR_PERSON_ID, CURSOR_TIME, decodeCursor, encodeCursor } from './cursors.ts';
import { personColumns } from './person-columns.ts';
import { iso } from './sql.ts';
import { COMMENT_TARGET_PREFIX } from './targets.ts';
import { offerThreadPage } from './thread-pages.ts';

/** One summary per target, in the order asked, counting only the accepted kinds. */
export async function summarize(
  db: Queryable,
  targets: readonly string[],
  viewerId: string | null,
  kinds: readonly string[],
): Promise<ReactionSummary[]> {
  const rows = await db.query<{ target: string; kind: string; n: number; mine: boolean }>(
    `SELECT target, kind, count(*)::int AS n, coalesce(bool_or(person_id = $2), false) AS mine
     FROM reactions WHERE target = ANY($1::text[]) AND kind = ANY($3::text[])
     GROUP BY target, kind`,
    [targets, viewerId, kinds],
  );
  const byTarget = new Map<string, ReactionSummary>();
  for (const target of targets) byTarget.set(target, noReactions(target, kinds));
  for (const row of rows) {
    const summary = byTarget.get(row.target)!;
    summary.counts[row.kind] = row.n;
    if (row.mine) summary.mine.push(row.kind);
  }
  // `mine` follows the configured order so responses are stable.
  for (const summary of byTarget.values()) summary.mine.sort((a, b) => kinds.indexOf(a) - kinds.indexOf(b));
  return [...byTarget.values()];
}

/** What a target nobody has reacted to shows, such as a comment just written: no query needed. */
export function noReactions(target: string, kinds: readonly string[]): ReactionSummary {
  return { target, counts: Object.fromEntries(kinds.map((k) => [k, 0])), mine: [] };
}

export interface ReactionChange {
  target: string;
  kind: string;
  personId: string;
  /** true: the person reacts; false: they take it back. */
  active: boolean;
  /** Where the bar is, checked (`threadPageOf`): offered as the target's page (`offerThreadPage`). */
  page?: ThreadPage;
}

/** Targets whose page is their thread's, never their own. */
const OWN_PAGE_LESS = /^(comment|activity):/;

/**
 * Adds or removes one reaction and returns the summary afterwards, in the
 * caller's transaction. Repeating a change is harmless and publishes
 * nothing; a real change publishes `reaction.changed` with the new counts.
 */
export async function changeReaction(tx: Queryable, publish: Publish, change: ReactionChange, kinds: readonly string[]): Promise<ReactionSummary> {
  const { target, kind, personId, active } = change;
  const changed = active
    ? await tx.query(
        `INSERT INTO reactions (target, kind, person_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [target, kind, personId],
      )
    : await tx.query('DELETE FROM reactions WHERE target = $1 AND kind = $2 AND person_id = $3 RETURNING 1', [
        target,
        kind,
        personId,
      ]);
  if (active && change.page && !OWN_PAGE_LESS.test(target)) await offerThreadPage(tx, target, change.page);
  const [summary] = await summarize(tx, [target], personId, kinds);
  if (changed.length > 0) {
    const event = { type: 'reaction.changed', target, kind, active, actor: personId, counts: summary!.counts } as const;
    await publish({ ...event, topic: topics.reactions(target) });
    // A copy on the comment's thread: a page keeps one topic for a thread's reactions, not one per comment (decision 77).
    const thread = await commentThread(tx, target);
    if (thread !== null) await publish({ ...event, topic: topics.comments(thread) });
  }
  return summary!;
}

/** The thread of a `comment:<id>` target, or null (another kind of target, an unknown comment). */
async function commentThread(tx: Queryable, target: string): Promise<string | null> {
  if (!target.startsWith(COMMENT_TARGET_PREFIX)) return null;
  const [row] = await tx.query<{ key: string }>('SELECT thread_key AS key FROM comments WHERE id = $1', [target.slice(COMMENT_TARGET_PREFIX.length)]);
  return row?.key ?? null;
}

/** Who reacted with `kind`, newest first, `limit` at a time. */
export async function reactionPeople(
  db: Queryable,
  target: string,
  kind: string,
  cursor: string | undefined,
  limit: number,
): Promise<ReactionPeople> {
  const after = cursor === undefined ? null : decodeCursor(cursor, [CURSOR_TIME, CURSOR_PERSON_ID]);
  const rows = await db.query<Person & { reactedAt: string }>(
    `SELECT ${personColumns('p')},
       ${iso('r.created_at')} AS "reactedAt"
     FROM reactions r JOIN people p ON p.id = r.person_id
     WHERE r.target = $1 AND r.kind = $2
       AND ($3::timestamptz IS NULL OR (r.created_at, r.person_id) < ($3::timestamptz, $4::text))
     ORDER BY r.created_at DESC, r.person_id DESC
     LIMIT $5`,
    [target, kind, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
  );
  const [count] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM reactions WHERE target = $1 AND kind = $2',
    [target, kind],
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ reactedAt: _, ...person }) => person),
    nextCursor: rows.length > limit && last ? encodeCursor([last.reactedAt, last.id]) : null,
    total: count?.n ?? 0,
  };
}

/** For the demo seed: a reaction at a given time, without publishing anything. */
export async function insertReaction(db: Queryable, target: string, kind: string, personId: string, at: Date): Promise<void> {
  await db.query('INSERT INTO reactions (target, kind, person_id, created_at) VALUES ($1, $2, $3, $4)', [
    target,
    kind,
    personId,
    at,
  ]);
}
