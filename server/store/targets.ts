/* Reaction targets of Plaza's own things (a page's key is the page's own choice). */

/** A comment's reaction target is `comment:<id>`. */
export const COMMENT_TARGET_PREFIX = 'comment:';
export const commentTarget = (id: string) => `${COMMENT_TARGET_PREFIX}${id}`;

/** Reactions to a status post use this target. */
export const activityTarget = (id: string) => `activity:${id}`;
