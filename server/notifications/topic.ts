/** Where a person's notifications are logged; a stream reaches it only as `me:notifications`, for its own viewer (events/feed-topics.ts). */
export const PERSONAL_TOPIC_PREFIX = 'notifications:';

/** The logged topic of `personId`'s notifications (`me:notifications` to them, and to nobody else). */
export function notificationTopic(personId: string): string {
  return PERSONAL_TOPIC_PREFIX + personId;
}
