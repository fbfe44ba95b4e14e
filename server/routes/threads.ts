import { createRoute, z } from '@hono/zod-openapi';
import { LIMITS, type Comment } from '../../src/core/protocol.ts';
import { requireUser, viewerOf } from '../auth/session.ts';
import type { Api, Services } from '../context.ts';
import { runOnce } from '../idempotency.ts';
import { shownTag } from '../profile-fields.ts';
import { commentBodySchemas, CommentSchema, CommentSortSchema, CommentThreadSchema, ThreadSummariesSchema } from '../schemas/comment.ts';
import { IdempotencyHeaders, jsonBody, jsonResponse, KeySchema, pageQuery, problemResponse, repeatedParam } from '../schemas/common.ts';
import { postComment } from '../store/comments.ts';
import { noReactions } from '../store/reactions.ts';
import { commentTarget } from '../store/targets.ts';
import { threadPage, threadSummaries } from '../store/threads.ts';
import { checkedMentions } from './mention-limit.ts';

const ThreadParam = z.object({
  key: KeySchema.openapi({ description: 'The thread key, percent-encoded as one path segment.', example: 'page:/news/kantine' }),
});

const writeProblems = {
  401: problemResponse('Nobody is signed in.'),
  403: problemResponse('The thread is closed (`thread-closed`), or the request came from an origin that may not write (`forbidden`).'),
  429: problemResponse('Too many requests; see `Retry-After`.'),
} as const;

const getThreadCounts = createRoute({
  method: 'get',
  path: '/threads/counts',
  operationId: 'getThreadCounts',
  tags: ['comments'],
  summary: 'Comment counts and state of many threads at once (list pages)',
  request: {
    query: z.object({
      keys: repeatedParam(KeySchema).openapi({ param: { style: 'form', explode: true }, example: ['page:/news/kantine'] }),
    }),
  },
  responses: {
    200: jsonResponse(ThreadSummariesSchema, 'One summary per key asked, in that order; unknown threads count 0.'),
    400: problemResponse(`No keys, more than ${LIMITS.batchSize}, or a malformed one.`),
  },
});

const getComments = createRoute({
  method: 'get',
  path: '/threads/{key}/comments',
  operationId: 'listComments',
  tags: ['comments'],
  summary: 'A page of a thread: top-level comments with their first replies, authors and reactions',
  request: {
    params: ThreadParam,
    query: z.object({ sort: CommentSortSchema.default('newest'), ...pageQuery(20, 50) }),
  },
  responses: {
    200: jsonResponse(CommentThreadSchema, 'The page; an unknown thread is an open, empty one. Sent with an `ETag` (except to moderators).'),
    304: { description: 'Not modified: `If-None-Match` named the `ETag` the page has now (for this reader).' },
    400: problemResponse('A malformed key, sort or limit, or a cursor this server did not issue for this sort.'),
  },
});

export function registerThreadRoutes(api: Api, { db, bus, options, threadCache: cache }: Services): void {
  const kinds = options.reactionKinds;
  const { NewCommentSchema } = commentBodySchemas(options.maxCommentLength);
  const postCommentRoute = createRoute({
    method: 'post',
    path: '/threads/{key}/comments',
    operationId: 'createComment',
    tags: ['comments'],
    summary: 'Post a comment or a reply',
    description:
      'Send an `Idempotency-Key` header (e.g. a UUID per composed comment): a retry with the same key answers the first ' +
      'result (with `Idempotent-Replayed: true`) and never posts twice. Mentions are `@[Name](person:id)`.',
    request: {
      params: ThreadParam,
      headers: IdempotencyHeaders,
      body: jsonBody(NewCommentSchema),
    },
    responses: {
      201: jsonResponse(CommentSchema, 'The comment as posted (a replay answers the same).'),
      400: problemResponse('Invalid body (`validation`, with `field`), too many mentions, or one naming nobody (`unknown-mention`).'),
      404: problemResponse('`parentId` is not a published comment of this thread.'),
      422: problemResponse('The Idempotency-Key was used for a different request.'),
      ...writeProblems,
    },
  });

  api.openapi(getThreadCounts, async (c) => {
    const keys = [...new Set(c.req.valid('query').keys)];
    return c.json({ items: await threadSummaries(db, keys) }, 200);
  });

  api.openapi(getComments, async (c) => {
    const { key } = c.req.valid('param');
    const { sort, cursor, limit } = c.req.valid('query');
    const request = { key, sort, cursor, limit };
    const viewer = viewerOf(c.get('user'));
    // A moderator's page shows hidden comments and has no ETag: not stored at all (the API's default, response-headers.ts).
    if (viewer.moderator) return c.json({ ...(await threadPage(db, request, viewer, kinds, options.profileFields)), sort, limits: cache.limits }, 200);
    // Each reader's own answer (their reactions show as `mine`): browsers may keep it, but ask again each time.
    c.header('Cache-Control', 'private, no-cache');
    const answer = await cache.page(request, viewer.id);
    c.header('ETag', answer.etag);
    if (matchesEtag(c.req.header('If-None-Match'), answer.etag)) return c.body(null, 304);
    return c.body(answer.body(), 200, { 'Content-Type': 'application/json' });
  });

  api.openapi(postCommentRoute, async (c) => {
    const { key } = c.req.valid('param');
    const { text, parentId, page } = c.req.valid('json');
    const user = requireUser(c);
    const mentions = checkedMentions(text, options.maxMentions);
    const answer = await runOnce<Comment>(c, bus, user.person.id, async (tx, publish) => {
      const record = await postComment(tx, publish, { threadKey: key, parentId: parentId ?? null, authorId: user.person.id, text, mentions, page, origin: c.req.header('origin') });
      // Nobody can have reacted to a comment that did not exist until now. The record is the event's, its tag whole (decision 185).
      return { status: 201, body: { ...record, author: shownTag(record.author, options.profileFields), reactions: noReactions(commentTarget(record.id), kinds) } };
    });
    return c.json(answer.body, 201);
  });
}

/** `If-None-Match` names this ETag (compared weakly, as for GET), or is `*`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}
