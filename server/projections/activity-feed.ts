import { topics } from '../../src/core/protocol.ts';
import { announceCommentActivities, recordActivity, removeActivities, reviseCommentActivities, withdrawCommentActivities } from '../store/activities.ts';
import type { Projector } from './projector.ts';

/**
 * The activity feed as a projection of what writes record: a comment posted,
 * a reaction, a follow, someone joining each become an activity; an event
 * that undoes one (a reaction taken back, an unfollow, a comment deleted or
 * hidden) removes it, and an edit revises the words its logged events carry
 * and announces the activity as it now reads (`activity.updated`), so open
 * feeds show the new excerpt: an edit, or a mention relabelled by erasure.
 * Status posts are written to the feed directly (they are the feed's own
 * records, like comments are the thread's), so their `activity.created` is
 * not projected again.
 */
export const activityFeed: Projector = {
  name: 'activity feed',
  async project(tx, events, publish) {
    const edited = new Set<string>();
    for (const event of events) {
      switch (event.type) {
        case 'comment.created': {
          const { comment } = event;
          if (comment.author) await recordActivity(tx, publish, { kind: 'comment', actorId: comment.author.id, threadKey: comment.threadKey, commentId: comment.id });
          break;
        }
        case 'comment.updated': {
          const { comment } = event;
          // Hidden, it leaves the feeds (restored, it is back on the next read); edited, its logged activity takes the new words.
          if (comment.state === 'hidden') await withdrawCommentActivities(tx, publish, comment.id, false);
          else if (comment.state === 'published' && comment.author) {
            await reviseCommentActivities(tx, { ...comment, authorId: comment.author.id });
            edited.add(comment.id);
          }
          break;
        }
        case 'comment.deleted':
          await withdrawCommentActivities(tx, publish, event.id, true);
          break;
        case 'reaction.changed': {
          // A reaction to a comment is published twice (its own topic, and its thread's); one activity.
          if (event.topic !== topics.reactions(event.target)) break;
          const match = { kind: 'reaction', actorId: event.actor, target: event.target, reaction: event.kind } as const;
          if (event.active) await recordActivity(tx, publish, match);
          else await removeActivities(tx, publish, match);
          break;
        }
        case 'follow.changed': {
          const match = { kind: 'follow', actorId: event.actor, subjectId: event.person } as const;
          if (event.active) await recordActivity(tx, publish, match);
          else await removeActivities(tx, publish, match);
          break;
        }
        case 'person.joined':
          await recordActivity(tx, publish, { kind: 'joined', actorId: event.person });
          break;
      }
    }
    // After the whole write, as it now reads: a comment deleted or hidden later in the same write is announced by nothing but its removal.
    if (publish) for (const commentId of edited) await announceCommentActivities(tx, publish, commentId);
  },
};
