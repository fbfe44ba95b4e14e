import { createRoute } from '@hono/zod-openapi';
import { requireUser } from '../auth/session.ts';
import type { Api, Services } from '../context.ts';
import { renderForStorage } from '../markdown/shown-html.ts';
import { jsonBody, jsonResponse, problemResponse } from '../schemas/common.ts';
import { previewRequestSchema, PreviewSchema } from '../schemas/preview.ts';
import { requireKnownPeople } from '../store/comments.ts';
import { checkedMentions } from './mention-limit.ts';

/**
 * `POST /preview` (decision 107): a draft rendered by the renderer that will
 * render it when posted, so the composer's "Vorschau" shows what readers will
 * see and the browser needs no Markdown parser. It refuses what posting would
 * refuse (length, control characters, too many or unknown mentions) and
 * writes nothing. Signed-in only: it exists for composers, and rendering costs
 * the server what a write's rendering costs, so it counts as a write for the
 * rate limit (a POST).
 */
export function registerPreviewRoutes(api: Api, { db, options }: Services): void {
  const route = createRoute({
    method: 'post',
    path: '/preview',
    operationId: 'previewText',
    tags: ['comments'],
    summary: 'See a draft as it will show',
    description:
      'Renders a comment or status post draft exactly as posting it would (`html`, `mentions`), and stores nothing. ' +
      'Refuses what posting would refuse. Counts as a write for the rate limit.',
    request: { body: jsonBody(previewRequestSchema(options.maxCommentLength)) },
    responses: {
      200: jsonResponse(PreviewSchema, 'The draft rendered.'),
      400: problemResponse('Invalid body (`validation`, with `field`), too many mentions, or one naming nobody (`unknown-mention`).'),
      401: problemResponse('Nobody is signed in.'),
      429: problemResponse('Too many requests; see `Retry-After`.'),
    },
  });

  api.openapi(route, async (c) => {
    requireUser(c);
    const { text } = c.req.valid('json');
    const mentions = checkedMentions(text, options.maxMentions);
    await requireKnownPeople(db, mentions);
    return c.json({ html: renderForStorage(text).html, mentions }, 200);
  });
}
