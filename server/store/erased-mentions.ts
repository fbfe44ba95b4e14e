import { MENTION_PATTERN } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import { reviseStatusPostEvents } from '../events/log.ts';
import type { Publish } from '../events/types.ts';
import { renderForStorage } from '../markdown/shown-html.ts';
import { publishUpdate } from './comments.ts';

/**
 * What an erased person's mentions in other people's texts become: a
 * neutral label in place of `@[Lea Neumann](person:lea.neumann)`, as plain
 * text (no link, no name tag: there is nobody to show). German, since the
 * stored text has one language and Plaza's readers are German-speaking by
 * default; the browser's English catalog says "former colleague" where it
 * labels an author it no longer knows (docs/server.md, "Privacy").
 */
export const FORMER_COLLEAGUE = 'ehemalige:r Kolleg:in';

/** `text` with every mention of `personId` (code spans included: the name must not survive anywhere) replaced by the label. */
export function withoutMentionsOf(text: string, personId: string): string {
  return text.replace(MENTION_PATTERN, (whole, _name: string, id: string) => (id === personId ? FORMER_COLLEAGUE : whole));
}

/**
 * Erasure: every comment and status post that mentions `personId` loses the
 * mention (text, `mentions`, the stored HTML). A comment's logged events are
 * revised and `comment.updated` goes out (open threads show the label, and
 * the feed's projector revises and announces its activity); a status
 * post's logged `activity.created` events are revised, so replays show the
 * label too, and its id is returned for the caller to announce as it reads
 * once the erasure is done (`announceUpdated`). A comment's version goes up:
 * an edit begun before would otherwise put the name back.
 */
export async function forgetMentions(tx: Queryable, publish: Publish, personId: string): Promise<{ comments: number; statusPosts: string[] }> {
  const needle = `](person:${personId})`;
  const comments = await tx.query<{ id: string; threadKey: string; body: string; mentions: string[] }>(
    `SELECT id, thread_key AS "threadKey", body, mentions FROM comments
     WHERE deleted_at IS NULL AND strpos(body, $1) > 0 FOR NO KEY UPDATE`,
    [needle],
  );
  for (const comment of comments) {
    const text = withoutMentionsOf(comment.body, personId);
    const rendered = renderForStorage(text);
    await tx.query(`UPDATE comments SET body = $2, mentions = $3::text[], html = $4, html_version = $5, version = version + 1, updated_at = now() WHERE id = $1`, [
      comment.id,
      text,
      comment.mentions.filter((id) => id !== personId),
      rendered.html,
      rendered.version,
    ]);
    await publishUpdate(tx, publish, comment.id, comment.threadKey);
  }
  const posts = await tx.query<{ id: string; body: string; mentions: string[] }>(
    `SELECT id, body, mentions FROM activities WHERE kind = 'status' AND strpos(body, $1) > 0`,
    [needle],
  );
  for (const post of posts) {
    const text = withoutMentionsOf(post.body, personId);
    const mentions = post.mentions.filter((id) => id !== personId);
    await tx.query('UPDATE activities SET body = $2, mentions = $3::text[] WHERE id = $1', [post.id, text, mentions]);
    await reviseStatusPostEvents(tx, post.id, { text, html: renderForStorage(text).html, mentions });
  }
  return { comments: comments.length, statusPosts: posts.map((post) => post.id) };
}
