import { createRoute, z } from '@hono/zod-openapi';
import type { Report } from '../../src/core/protocol.ts';
import { requireUser, viewerOf } from '../auth/session.ts';
import type { Api, Services } from '../context.ts';
import { runOnce } from '../idempotency.ts';
import { commentBodySchemas, CommentConflictSchema, CommentDeletionSchema, CommentIdSchema, CommentPageSchema, CommentSchema } from '../schemas/comment.ts';
import { IdempotencyHeaders, jsonBody, jsonResponse, pageQuery, problemResponse } from '../schemas/common.ts';
import { moderationReasonBody, NewReportSchema, ReportSchema } from '../schemas/moderation.ts';
import { findCommentRecord } from '../store/comment-view.ts';
import { deleteComment, editComment, unknownComment } from '../store/comments.ts';
import { fileReport } from '../store/reports.ts';
import { replyPage } from '../store/threads.ts';
import { checkedMentions } from './mention-limit.ts';

const IdParam = z.object({ id: CommentIdSchema });

const writeProblems = {
  401: problemResponse('Nobody is signed in.'),
  404: problemResponse('There is no such comment, or it was deleted.'),
  429: problemResponse('Too many requests; see `Retry-After`.'),
} as const;

const deleteRoute = createRoute({
  method: 'delete',
  path: '/comments/{id}',
  operationId: 'deleteComment',
  tags: ['comments'],
  summary: 'Delete a comment (its author, or a moderator)',
  description:
    'A top-level comment with replies stays as a `deleted` placeholder so the conversation still reads; otherwise it disappears. ' +
    'Deleting again answers the same. Allowed in closed threads. A moderator deleting a colleague\'s comment may give a reason for the audit log.',
  request: { params: IdParam, body: moderationReasonBody },
  responses: {
    200: jsonResponse(CommentDeletionSchema, 'What happened, and the thread count afterwards.'),
    403: problemResponse('Neither its author nor a moderator.'),
    ...writeProblems,
  },
});

const repliesRoute = createRoute({
  method: 'get',
  path: '/comments/{id}/replies',
  operationId: 'listReplies',
  tags: ['comments'],
  summary: 'More replies to a top-level comment, oldest first',
  description: 'Start with `repliesCursor` of the thread page, which already holds the first replies.',
  request: { params: IdParam, query: z.object(pageQuery(50)) },
  responses: {
    200: jsonResponse(CommentPageSchema, 'A page of replies.'),
    400: problemResponse('A malformed id or limit, or a cursor this server did not issue.'),
    404: problemResponse('There is no such comment.'),
  },
});

const reportRoute = createRoute({
  method: 'post',
  path: '/comments/{id}/reports',
  operationId: 'reportComment',
  tags: ['moderation'],
  summary: 'Report a comment to the moderators',
  description: 'Reporting the same comment again replaces the reason of your open report (200).',
  request: { params: IdParam, headers: IdempotencyHeaders, body: jsonBody(NewReportSchema) },
  responses: {
    201: jsonResponse(ReportSchema, 'Reported.'),
    200: jsonResponse(ReportSchema, 'Your open report on this comment, with the new reason.'),
    400: problemResponse('Invalid body.'),
    422: problemResponse('The Idempotency-Key was used for a different request.'),
    ...writeProblems,
  },
});

export function registerCommentRoutes(api: Api, { db, bus, options }: Services): void {
  const kinds = options.reactionKinds;
  const { CommentEditSchema } = commentBodySchemas(options.maxCommentLength);
  const editRoute = createRoute({
    method: 'patch',
    path: '/comments/{id}',
    operationId: 'editComment',
    tags: ['comments'],
    summary: 'Edit your comment',
    description: '`version` is the version you edited; if the comment changed since, the answer is 409 with the `current` comment.',
    request: { params: IdParam, body: jsonBody(CommentEditSchema) },
    responses: {
      200: jsonResponse(CommentSchema, 'The comment after the edit (unchanged text changes nothing).'),
      400: problemResponse('Invalid body, too many mentions, or one naming nobody (`unknown-mention`).'),
      403: problemResponse('Not your comment, hidden by a moderator, or the thread is closed (`thread-closed`).'),
      409: { description: 'A stale `version`.', content: { 'application/problem+json': { schema: CommentConflictSchema } } },
      ...writeProblems,
    },
  });

  api.openapi(editRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { text, version } = c.req.valid('json');
    const user = requireUser(c);
    const mentions = checkedMentions(text, options.maxMentions);
    const comment = await bus.transaction((tx, publish) => editComment(tx, publish, { id, text, version, mentions }, viewerOf(user), kinds, options.profileFields));
    return c.json(comment, 200);
  });

  api.openapi(deleteRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const user = requireUser(c);
    return c.json(await bus.transaction((tx, publish) => deleteComment(tx, publish, id, viewerOf(user), reason ?? null)), 200);
  });

  api.openapi(repliesRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { cursor, limit } = c.req.valid('query');
    const viewer = viewerOf(c.get('user'));
    if (!(await findCommentRecord(db, id, viewer, options.profileFields))) throw unknownComment('id');
    return c.json(await replyPage(db, id, cursor, limit, viewer, kinds, options.profileFields), 200);
  });

  api.openapi(reportRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const user = requireUser(c);
    const answer = await runOnce<Report>(c, bus, user.person.id, async (tx, publish) => {
      const { report, created } = await fileReport(tx, publish, id, user.person.id, reason);
      return { status: created ? 201 : 200, body: report };
    });
    return c.json(answer.body, answer.status as 201);
  });
}
