import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import { requireAuditReader, requireModerator, viewerOf } from '../auth/session.ts';
import type { Api, AppEnv, Services } from '../context.ts';
import { auditCsv } from '../moderation-audit-csv.ts';
import { shownPerson } from '../profile-fields.ts';
import { CommentIdSchema, CommentSchema, ThreadSummarySchema } from '../schemas/comment.ts';
import { jsonResponse, KeySchema, pageQuery, problemResponse } from '../schemas/common.ts';
import { ModerationAuditQuery, ModerationAuditSchema, ModerationLogSchema, moderationReasonBody, ModerationReportsSchema } from '../schemas/moderation.ts';
import { setHidden } from '../store/comments.ts';
import { auditEntries, auditPage, moderationLog } from '../store/moderation-audit.ts';
import { openReports } from '../store/reports.ts';
import { setThreadClosed } from '../store/threads.ts';

/** Everything here needs a moderator (`people.moderator`); others get 403 `forbidden`. */
const moderatorProblems = {
  401: problemResponse('Nobody is signed in.'),
  403: problemResponse('Not a moderator.'),
  429: problemResponse('Too many requests; see `Retry-After`.'),
} as const;

const hiddenRoute = (method: 'put' | 'delete') =>
  createRoute({
    method,
    path: '/comments/{id}/hidden',
    operationId: method === 'put' ? 'hideComment' : 'unhideComment',
    tags: ['moderation'],
    summary: method === 'put' ? 'Hide a comment' : 'Restore a hidden comment',
    description:
      'Readers see a hidden comment as a placeholder without author or text; moderators still see both. ' +
      'Either way the open reports on the comment are resolved, so restoring a visible comment dismisses its reports ' +
      '(recorded in the audit log as `dismiss`).',
    request: { params: z.object({ id: CommentIdSchema }), body: moderationReasonBody },
    responses: {
      200: jsonResponse(CommentSchema, 'The comment as a moderator sees it.'),
      404: problemResponse('There is no such comment, or it was deleted.'),
      ...moderatorProblems,
    },
  });

const closedRoute = (method: 'put' | 'delete') =>
  createRoute({
    method,
    path: '/threads/{key}/closed',
    operationId: method === 'put' ? 'closeThread' : 'reopenThread',
    tags: ['moderation'],
    summary: method === 'put' ? 'Close a thread (read-only)' : 'Reopen a thread',
    description: 'A closed thread refuses new comments and edits (`thread-closed`); deleting stays possible.',
    request: { params: z.object({ key: KeySchema }), body: moderationReasonBody },
    responses: {
      200: jsonResponse(ThreadSummarySchema, 'The thread afterwards; repeating the request changes nothing.'),
      ...(method === 'delete' ? { 404: problemResponse('Nobody has written in this thread.') } : {}),
      ...moderatorProblems,
    },
  });

const reportsRoute = createRoute({
  method: 'get',
  path: '/moderation/reports',
  operationId: 'listReports',
  tags: ['moderation'],
  summary: 'Open reports, oldest first',
  request: { query: z.object(pageQuery(20)) },
  responses: {
    200: jsonResponse(ModerationReportsSchema, 'A page of open reports, each with the comment as a moderator sees it.'),
    400: problemResponse('A malformed limit or cursor.'),
    ...moderatorProblems,
  },
});

const logRoute = createRoute({
  method: 'get',
  path: '/moderation/log',
  operationId: 'getModerationLog',
  tags: ['moderation'],
  summary: 'Who moderated what, newest first',
  description:
    'Hiding, restoring, deleting a colleague\'s comment or status post, closing and reopening a thread. ' +
    'The public events of these name nobody; this record is for moderators.',
  request: {
    query: z.object({
      target: KeySchema.optional().openapi({ description: 'Only this `comment:<id>`, `activity:<id>` or thread key.' }),
      ...pageQuery(20),
    }),
  },
  responses: {
    200: jsonResponse(ModerationLogSchema, 'A page of the record.'),
    400: problemResponse('A malformed target, limit or cursor.'),
    ...moderatorProblems,
  },
});

const auditRoute = createRoute({
  method: 'get',
  path: '/moderation/audit',
  operationId: 'getModerationAudit',
  tags: ['moderation'],
  summary: 'The audit log of moderation, newest first (moderators and auditors)',
  description:
    'Every hide, restore, dismissal of reports, deletion of a colleague\'s comment or status post, close and reopen: who acted, when, why, ' +
    'on what, and what it was then. Filters combine; `format=csv` (or `Accept: text/csv`) answers every matching entry as one CSV file ' +
    '(UTF-8 with byte order mark, `;` between fields), without paging. Auditors (`PLAZA_AUDITORS`, `PLAZA_OIDC_AUDITOR_ROLE`) read this and cannot moderate.',
  request: { query: ModerationAuditQuery.extend(pageQuery(50)) },
  responses: {
    200: {
      description: 'A page of the audit log, or all of it that matches as CSV.',
      content: {
        'application/json': { schema: ModerationAuditSchema },
        'text/csv': { schema: z.string().openapi({ example: 'id;createdAt;action;actorId;actorName;target;threadKey;reason;authorId;excerpt;reportsResolved' }) },
      },
    },
    400: problemResponse('A malformed filter, limit or cursor.'),
    401: problemResponse('Nobody is signed in.'),
    403: problemResponse('Neither a moderator nor an auditor.'),
    429: problemResponse('Too many requests; see `Retry-After`.'),
  },
});

export function registerModerationRoutes(api: Api, { db, bus, options }: Services): void {
  const kinds = options.reactionKinds;
  const hide = (hidden: boolean): RouteHandler<ReturnType<typeof hiddenRoute>, AppEnv> => async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const moderator = viewerOf(requireModerator(c));
    return c.json(await bus.transaction((tx, publish) => setHidden(tx, publish, id, hidden, moderator, kinds, options.profileFields, reason ?? null)), 200);
  };
  api.openapi(hiddenRoute('put'), hide(true));
  api.openapi(hiddenRoute('delete'), hide(false));

  const close = (closed: boolean): RouteHandler<ReturnType<typeof closedRoute>, AppEnv> => async (c) => {
    const { key } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const moderator = requireModerator(c);
    return c.json(await bus.transaction((tx, publish) => setThreadClosed(tx, publish, key, closed, moderator.person.id, reason ?? null)), 200);
  };
  api.openapi(closedRoute('put'), close(true));
  api.openapi(closedRoute('delete'), close(false));

  api.openapi(logRoute, async (c) => {
    const { target, cursor, limit } = c.req.valid('query');
    requireModerator(c);
    c.header('cache-control', 'private, no-store');
    return c.json(await moderationLog(db, target, cursor, limit, options.profileFields), 200);
  });

  api.openapi(auditRoute, async (c) => {
    const { cursor, limit, format, ...filter } = c.req.valid('query');
    requireAuditReader(c);
    c.header('cache-control', 'private, no-store');
    const csv = format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(c.req.header('accept') ?? ''));
    if (!csv) return c.json(await auditPage(db, filter, cursor, limit), 200);
    c.header('content-disposition', 'attachment; filename="moderation-audit.csv"');
    return c.body(auditCsv(await auditEntries(db, filter)), 200, { 'content-type': 'text/csv; charset=utf-8' });
  });

  api.openapi(reportsRoute, async (c) => {
    const { cursor, limit } = c.req.valid('query');
    const user = requireModerator(c);
    const page = await openReports(db, cursor, limit, viewerOf(user), kinds, options.profileFields);
    // Moderators are colleagues too: a reporter shows with the fields of PLAZA_PROFILE_FIELDS.
    const items = page.items.map((report) => ({ ...report, reporter: report.reporter && shownPerson(report.reporter, user, options.profileFields) }));
    return c.json({ ...page, items }, 200);
  });
}
