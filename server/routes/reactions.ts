import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import { LIMITS, REACTION_KIND_PATTERN, type ThreadPage } from '../../src/core/protocol.ts';
import { requireUser } from '../auth/session.ts';
import { whoReactedShown } from '../behaviour-rules.ts';
import type { Api, AppEnv, Services } from '../context.ts';
import { ProblemError } from '../problem.ts';
import { KeySchema, problemResponse, repeatedParam } from '../schemas/common.ts';
import { ReactionWriteSchema } from '../schemas/comment.ts';
import { ReactionBatchSchema, ReactionPeopleSchema, ReactionSummarySchema } from '../schemas/reaction.ts';
import { changeReaction, reactionPeople, summarize } from '../store/reactions.ts';
import { threadPageOf } from '../store/thread-pages.ts';
import { shownPeople } from '../profile-fields.ts';
import { SIGN_IN_OPTIONAL } from './shared-answers.ts';

/**
 * The kind is checked against the configured set in the handler, not by zod,
 * so that every bad kind (malformed or merely not offered) is the one problem
 * type `unknownKind` a client can explain.
 */
const KindParam = z.string().openapi({
  pattern: REACTION_KIND_PATTERN.source,
  example: 'like',
  description: 'One of the kinds this server accepts (by default like, love, celebrate, insight, surprise).',
});
const TargetAndKind = z.object({
  target: KeySchema.openapi({ description: 'Percent-encoded as one path segment.', example: 'page:/news/kantine' }),
  kind: KindParam,
});

const json = <T extends z.ZodType>(schema: T, description: string) =>
  ({ description, content: { 'application/json': { schema } } }) as const;

const getBatch = createRoute({
  method: 'get',
  path: '/reactions',
  operationId: 'listReactions',
  tags: ['reactions'],
  summary: 'Counts and my reactions for many targets at once',
  request: {
    query: z.object({
      // Repeated rather than comma-separated: keys are opaque and may contain commas.
      targets: repeatedParam(KeySchema).openapi({ param: { style: 'form', explode: true }, example: ['page:/news/kantine'] }),
    }),
  },
  responses: {
    200: json(ReactionBatchSchema, 'One summary per target asked, in that order.'),
    400: problemResponse(`No targets, more than ${LIMITS.batchSize}, or a malformed one.`),
  },
});

const writeResponses = {
  200: json(ReactionSummarySchema, 'The summary after the change. Repeating a request changes nothing.'),
  400: problemResponse('Malformed target (`validation`) or a kind this server does not offer (`unknownKind`).'),
  401: problemResponse('Nobody is signed in.'),
  403: problemResponse('The request came from an origin that may not write.'),
} as const;

const putReaction = createRoute({
  method: 'put',
  path: '/reactions/{target}/{kind}',
  operationId: 'addReaction',
  tags: ['reactions'],
  summary: 'React',
  request: { params: TargetAndKind, body: { content: { 'application/json': { schema: ReactionWriteSchema } }, required: false } },
  responses: writeResponses,
});

const deleteReaction = createRoute({
  method: 'delete',
  path: '/reactions/{target}/{kind}',
  operationId: 'removeReaction',
  tags: ['reactions'],
  summary: 'Take a reaction back',
  request: { params: TargetAndKind },
  responses: writeResponses,
});

const getPeople = createRoute({
  method: 'get',
  path: '/reactions/{target}/{kind}/people',
  operationId: 'listReactionPeople',
  tags: ['reactions'],
  summary: 'Who reacted, newest first',
  description:
    'As `PLAZA_WHO_REACTED` allows: `names` to anyone, `signed-in` (default) to signed-in people (401 otherwise), ' +
    '`counts` to nobody (403: the counts of `GET /reactions` are all there is). `GET /me` says `can.seeWhoReacted`, ' +
    'so an element offers the list only where it will answer. People are shown with the fields of `PLAZA_PROFILE_FIELDS`.',
  request: {
    params: TargetAndKind,
    query: z.object({
      cursor: z.string().max(1000).optional().openapi({ description: '`nextCursor` of the previous page.' }),
      limit: z.coerce.number().int().min(1).max(LIMITS.batchSize).default(20),
    }),
  },
  responses: {
    200: json(ReactionPeopleSchema, 'A page of people.'),
    400: problemResponse('Malformed target, unknown kind or a cursor this server did not issue.'),
    401: problemResponse('`PLAZA_WHO_REACTED=signed-in` and nobody is signed in.'),
    403: problemResponse('`PLAZA_WHO_REACTED=counts`: this server names nobody who reacted.'),
  },
  security: SIGN_IN_OPTIONAL,
});

export function registerReactionRoutes(api: Api, { db, bus, options }: Services): void {
  const kinds = options.reactionKinds;
  const requireKind = (kind: string): string => {
    if (!kinds.includes(kind)) {
      throw new ProblemError('unknownKind', 400, `"${kind}" is not a reaction here; use one of ${kinds.join(', ')}.`, 'kind');
    }
    return kind;
  };

  api.openapi(getBatch, async (c) => {
    const targets = [...new Set(c.req.valid('query').targets)];
    const items = await summarize(db, targets, c.get('user')?.person.id ?? null, kinds);
    return c.json({ items }, 200);
  });

  const write = (active: boolean, page?: ThreadPage): RouteHandler<typeof deleteReaction, AppEnv> => async (c) => {
    const { target, kind } = c.req.valid('param');
    requireKind(kind);
    const user = requireUser(c);
    const summary = await bus.transaction((tx, publish) => changeReaction(tx, publish, { target, kind, personId: user.person.id, active, page }, kinds));
    return c.json(summary, 200);
  };
  // A PUT without a body (or with `{}`) names no page.
  api.openapi(putReaction, (c, next) => write(true, threadPageOf(c.req.valid('json')?.page, c.req.header('origin')) ?? undefined)(c, next));
  api.openapi(deleteReaction, write(false));

  api.openapi(getPeople, async (c) => {
    const { target, kind } = c.req.valid('param');
    const { cursor, limit } = c.req.valid('query');
    requireKind(kind);
    const user = c.get('user');
    if (!whoReactedShown(options.whoReacted, user?.person.id ?? null)) {
      if (options.whoReacted === 'counts') throw new ProblemError('forbidden', 403, 'This server shows how many reacted, not who (PLAZA_WHO_REACTED=counts).');
      requireUser(c);
    }
    const page = await reactionPeople(db, target, kind, cursor, limit);
    return c.json({ ...page, items: shownPeople(page.items, user, options.profileFields) }, 200);
  });
}
