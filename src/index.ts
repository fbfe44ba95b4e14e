/**
 * The package root for bundlers (`import … from 'plaza'`, built as `dist/index.js`): importing it
 * registers every element, and it exports the classes, events and protocol as values. Pages load
 * `dist/plaza.js` instead, the lazy loader (src/lazy.ts, decision 133), which exports the same
 * names as types. DOM event classes are named
 * `Plaza` + their type + `Event` (`plaza-comment-deleted`: PlazaCommentDeletedEvent),
 * so no name here is also a protocol type's (test/build/public-names.test.ts).
 */
export { defineElements, elements } from './define.ts';
export { PlazaConfigElement } from './elements/config/config.ts';
export { PlazaReactions } from './elements/reactions/reactions.ts';
export { PlazaReactionToggleEvent, PlazaReactionChangedEvent, PlazaReactionFailedEvent } from './elements/reactions/events.ts';
export { PlazaComments } from './elements/comments/comments.ts';
export {
  PlazaCommentSubmitEvent,
  PlazaCommentPostedEvent,
  PlazaCommentFailedEvent,
  PlazaCommentEditEvent,
  PlazaCommentEditedEvent,
  PlazaCommentDeleteEvent,
  PlazaCommentDeletedEvent,
  PlazaCommentReportEvent,
  PlazaCommentReportedEvent,
  PlazaCommentModerateEvent,
  PlazaCommentModeratedEvent,
  PlazaWatchChangeEvent,
  PlazaWatchChangedEvent,
  PlazaWatchFailedEvent,
} from './elements/comments/events.ts';
export { PlazaCommentCount } from './elements/comment-count/comment-count.ts';
export { PlazaProfileCard } from './elements/profile-card/profile-card.ts';
export { PlazaPerson } from './elements/person/person.ts';
export { PlazaFollowToggleEvent, PlazaFollowChangedEvent, PlazaFollowFailedEvent } from './elements/profile-card/events.ts';
export { PlazaActivityFeed } from './elements/activity-feed/activity-feed.ts';
export { PlazaStatusSubmitEvent, PlazaStatusPostedEvent, PlazaStatusFailedEvent, PlazaActivityDeleteEvent, PlazaActivityDeletedEvent } from './elements/activity-feed/events.ts';
export { PlazaNotifications } from './elements/notifications/notifications.ts';
export {
  PlazaNotificationOpenEvent,
  PlazaNotificationsReadEvent,
  PlazaNotificationsMarkedReadEvent,
  PlazaNotificationsFailedEvent,
} from './elements/notifications/events.ts';
export { CommentConflictError } from './core/comments/conflict.ts';
export { threadKeyFor } from './core/thread-key.ts';
export { registerMessages } from './core/i18n.ts';
export { defineReactionKind } from './core/reaction-kinds.ts';
export { PlazaError } from './core/problem.ts';
export * from './core/protocol.ts';
