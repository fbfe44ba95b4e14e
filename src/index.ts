/**
 * The one script a page loads: `<script type="module" src=".../plaza.js">`.
 * Importing it registers every element; the exports serve pages that want to
 * listen to typed events or add a language.
 */
export { defineElements, elements } from './define.ts';
export { PlazaConfigElement } from './elements/config/config.ts';
export { PlazaReactions } from './elements/reactions/reactions.ts';
export { ReactionToggleEvent, ReactionChangedEvent, ReactionFailedEvent } from './elements/reactions/events.ts';
export { PlazaComments } from './elements/comments/comments.ts';
export {
  CommentSubmitEvent,
  CommentPostedEvent,
  CommentFailedEvent,
  CommentEditEvent,
  CommentEditedEvent,
  CommentDeleteEvent,
  CommentDeletedEvent,
  CommentReportEvent,
  CommentReportedEvent,
  CommentModerateEvent,
  CommentModeratedEvent,
} from './elements/comments/events.ts';
export { PlazaCommentCount } from './elements/comment-count/comment-count.ts';
export { PlazaProfileCard } from './elements/people/profile-card.ts';
export { PlazaPerson } from './elements/people/person.ts';
export { PlazaFollowToggleEvent, PlazaFollowChangedEvent, PlazaFollowFailedEvent } from './elements/people/events.ts';
export { PlazaActivityFeed } from './elements/feed/feed.ts';
export { StatusSubmitEvent, StatusPostedEvent, StatusFailedEvent, StatusDeleteEvent, StatusDeletedEvent } from './elements/feed/events.ts';
export { CommentConflictError } from './core/comments/conflict.ts';
export { threadKeyFor } from './core/thread-key.ts';
export { registerMessages } from './core/i18n.ts';
export { defineReactionKind } from './elements/reactions/kinds.ts';
export { PlazaError } from './core/problem.ts';
export * from './core/protocol.ts';
