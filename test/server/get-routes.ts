/*
 * The GET routes of the OpenAPI document, each with its access class and a
 * query that makes it answer: what read-access-walk.test.ts and
 * profile-fields.test.ts walk. A new GET route fails the walk until it is
 * named here.
 */

export const KEY = 'page:/news/read-access-walk';

/**
 * `open`: answers everyone; `read`: everyone under `public`, signed-in people under `signed-in`;
 * `person`: signed-in people in every mode; `moderator`: moderators only; `token`: open, and only a
 * token the server signed opens it (a forged one gets 400 from everyone).
 */
export type Access = 'open' | 'read' | 'person' | 'moderator' | 'token';

export const GET_ROUTES: Record<string, { access: Access; query?: string }> = {
  '/me': { access: 'open' },
  '/dev/users': { access: 'open' },
  '/people': { access: 'read', query: 'ids=lea.neumann' },
  '/profiles': { access: 'read', query: 'ids=lea.neumann' },
  '/people/{id}': { access: 'read' },
  '/reactions': { access: 'read', query: `targets=${encodeURIComponent(KEY)}` },
  // PLAZA_WHO_REACTED=signed-in (the default): names for signed-in people only, in either read mode.
  '/reactions/{target}/{kind}/people': { access: 'person' },
  '/threads/counts': { access: 'read', query: `keys=${encodeURIComponent(KEY)}` },
  '/threads/{key}/comments': { access: 'read' },
  '/comments/{id}/replies': { access: 'read' },
  '/activities': { access: 'read' },
  '/events': { access: 'read', query: `topics=${encodeURIComponent(`comments:${KEY}`)}` },
  '/events/poll': { access: 'read', query: `topics=${encodeURIComponent(`comments:${KEY}`)}&within=5` },
  '/me/export': { access: 'person' },
  '/moderation/reports': { access: 'moderator' },
  '/moderation/log': { access: 'moderator' },
  '/moderation/audit': { access: 'moderator' },
  '/moderation/deliveries': { access: 'moderator' },
  '/notifications': { access: 'person' },
  '/me/notification-settings': { access: 'person' },
  '/threads/{key}/watch': { access: 'person' },
  '/unsubscribe': { access: 'token', query: 'token=forged.token' },
};

/** A path of the document with its parameters filled by the seed's ids and a comment made on {@link KEY}. */
export function fillPath(path: string, commentId: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'id') return path.startsWith('/people/') ? 'lea.neumann' : commentId;
    if (name === 'key' || name === 'target') return encodeURIComponent(KEY);
    if (name === 'kind') return 'like';
    throw new Error(`${path}: no value for the parameter {${name}}; add one in test/server/get-routes.ts`);
  });
}
