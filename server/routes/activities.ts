import { createRoute, z } from '@hono/zod-openapi';
import { ACTIVITY_KINDS, type Activity } from '../../src/core/protocol.ts';
import { requireUser, viewerOf } from '../auth/session.ts';
import { BehaviourRules } from '../behaviour-rules.ts';
import type { Api, Services } from '../context.ts';
import { runOnce } from '../idempotency.ts';
import { ProblemError } from '../problem.ts';
import { activityBodySchemas, ActivityIdSchema, ActivityPageSchema, ActivityQuerySchema, ActivitySchema } from '../schemas/activity.ts';
import { IdempotencyHeaders, jsonBody, jsonResponse, problemResponse } from '../schemas/common.ts';
import { moderationReasonBody } from '../schemas/moderation.ts';
import { activityOwner, activityPage, findActivity, recordActivity, removeActivities, type FeedScope } from '../store/activities.ts';
import { requireKnownPeople } from '../store/comments.ts';
import { excerptOf } from '../store/moderation-audit.ts';
import { findPerson } from '../store/people.ts';
import type { SessionUser } from '../store/sessions.ts';
import { activityTarget } from '../store/targets.ts';
import { checkedMentions } from './mention-limit.ts';
import { SIGN_IN_OPTIONAL } from './shared-answers.ts';

const getActivities = createRoute({
  method: 'get',
  path: '/activities',
  operationId: 'listActivities',
  tags: ['activities'],
  summary: 'A page of a feed, newest first: status posts, comments, reactions, follows, new colleagues',
  description:
    '`scope`: `all` (default); `following` (signed in: your own and those of whoever you follow now); `user:<id>` ' +
    '(what that person did); `space:<key>` (status posts whose space, and comments and reactions whose thread key, ' +
    'starts with `<key>`). Actors, followed people, thread pages and the reactions to status posts are embedded, so one ' +
    'request paints a page. Paging by `nextCursor` stays stable while new activities arrive.',
  // Its 401 is for `following` only: every other scope is open to all.
  security: SIGN_IN_OPTIONAL,
  request: { query: ActivityQuerySchema },
  responses: {
    200: jsonResponse(ActivityPageSchema, 'A page of activities.'),
    400: problemResponse('A malformed scope, an unknown kind, a limit out of range, or a cursor this server did not issue.'),
    401: problemResponse('`following` without signing in.'),
    404: problemResponse('`user:<id>` names nobody in the directory.'),
  },
});

const writeProblems = {
  401: problemResponse('Nobody is signed in.'),
  403: problemResponse('The request came from an origin that may not write.'),
  429: problemResponse('Too many requests; see `Retry-After`.'),
} as const;

const deleteActivity = createRoute({
  method: 'delete',
  path: '/activities/{id}',
  operationId: 'deleteActivity',
  tags: ['activities'],
  summary: 'Delete a status post (its author, or a moderator)',
  description:
    'Other activities go when what they record is undone: a reaction taken back, an unfollow, a deleted comment. ' +
    'The reactions to the post go with it.',
  request: { params: z.object({ id: ActivityIdSchema }), body: moderationReasonBody },
  responses: {
    204: { description: 'Deleted; `activity.deleted` tells open feeds.' },
    ...writeProblems,
    403: problemResponse('Not a status post, not yours (and you do not moderate), or a foreign origin.'),
    404: problemResponse('There is no such activity (or it was deleted).'),
  },
});

export function registerActivityRoutes(api: Api, { db, bus, options }: Services): void {
  const kinds = options.reactionKinds;
  const { NewStatusPostSchema } = activityBodySchemas(options.maxCommentLength);
  const postActivity = createRoute({
    method: 'post',
    path: '/activities',
    operationId: 'postStatus',
    tags: ['activities'],
    summary: 'Post a status',
    description:
      'Markdown with `@[Name](person:id)` mentions, with the limits of a comment. Send an `Idempotency-Key` header: a retry ' +
      'with the same key answers the first result and never posts twice.',
    request: { headers: IdempotencyHeaders, body: jsonBody(NewStatusPostSchema) },
    responses: {
      201: jsonResponse(ActivitySchema, 'The status post (a replay answers the same).'),
      400: problemResponse('Invalid body (`validation`, with `field`), too many mentions, or one naming nobody (`unknown-mention`).'),
      422: problemResponse('The Idempotency-Key was used for a different request.'),
      ...writeProblems,
    },
  });

  api.openapi(getActivities, async (c) => {
    const { scope, kinds: only, cursor, limit } = c.req.valid('query');
    const user = c.get('user');
    const feed = await feedScope(scope, user);
    const rules = new BehaviourRules(options, user?.person.id ?? null);
    const shown = rules.feedKinds(feed, only ?? ACTIVITY_KINDS);
    const page = await activityPage(db, feed, shown, cursor, limit, viewerOf(user), kinds, options.profileFields, rules.ownFollowsIn(feed, only ?? ACTIVITY_KINDS));
    return c.json(page, 200);
  });

  api.openapi(postActivity, async (c) => {
    const { text, space } = c.req.valid('json');
    const user = requireUser(c);
    const mentions = checkedMentions(text, options.maxMentions);
    const answer = await runOnce<Activity>(c, bus, user.person.id, async (tx, publish) => {
      await requireKnownPeople(tx, mentions);
      const draft = { kind: 'status', actorId: user.person.id, text, mentions, space: space ?? null } as const;
      const id = (await recordActivity(tx, publish, draft, kinds))!;
      return { status: 201, body: (await findActivity(tx, id, viewerOf(user), kinds, options.profileFields))! };
    });
    return c.json(answer.body, 201);
  });

  api.openapi(deleteActivity, async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const user = requireUser(c);
    await bus.transaction(async (tx, publish) => {
      const owner = await activityOwner(tx, id);
      if (!owner) throw new ProblemError('notFound', 404, 'There is no such activity (or it was deleted).', 'id');
      if (owner.kind !== 'status') {
        throw new ProblemError('forbidden', 403, 'Only status posts are deleted; other activities go when what they record is undone.');
      }
      if (owner.actorId !== user.person.id && !user.moderator) {
        throw new ProblemError('forbidden', 403, 'Only its author or a moderator can delete a status post.');
      }
      await removeActivities(tx, publish, { kind: 'status', id });
      if (owner.actorId !== user.person.id) {
        const snapshot = { authorId: owner.actorId, excerpt: excerptOf(owner.body), reportsResolved: 0 };
        const target = activityTarget(id);
        await publish({ type: 'moderation.acted', actor: user.person.id, action: 'delete', target, threadKey: null, reason: reason ?? null, snapshot });
      }
    });
    return c.body(null, 204);
  });

  /** The scope as the store reads it; `following` needs a session, `user:` someone in the directory. */
  async function feedScope(scope: string, user: SessionUser | null): Promise<FeedScope> {
    if (scope === 'all') return { kind: 'all' };
    if (scope === 'following') {
      if (!user) throw new ProblemError('unauthenticated', 401, 'Sign in to see the activities of the people you follow.');
      return { kind: 'following', viewerId: user.person.id };
    }
    const [kind, value] = [scope.slice(0, scope.indexOf(':')), scope.slice(scope.indexOf(':') + 1)];
    if (kind === 'space') return { kind: 'space', key: value };
    if (!(await findPerson(db, value))) throw new ProblemError('notFound', 404, `Nobody in the directory has the id "${value}".`, 'scope');
    return { kind: 'user', id: value };
  }
}
