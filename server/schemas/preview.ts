import { z } from '@hono/zod-openapi';
import type { Preview, PreviewRequest } from '../../src/core/protocol.ts';
import { prose } from './comment.ts';
import type { Expect, Same } from './common.ts';

/** `POST /preview`'s body: the same text rules as a comment's (the limit is the server's, so made per server). */
export function previewRequestSchema(maxCommentLength: number) {
  return z
    .strictObject({ text: prose(maxCommentLength).openapi({ description: 'Markdown, as in a comment or status post.', example: 'Gute **Idee**!' }) })
    .openapi('PreviewRequest');
}
export type PreviewRequestMatches = Expect<Same<z.infer<ReturnType<typeof previewRequestSchema>>, PreviewRequest>>;

export const PreviewSchema = z
  .object({
    html: z.string().openapi({
      description: 'The text as HTML, exactly as a posted comment\'s `html` would be. Rendered by the server; a client must still sanitise it.',
      example: '<p>Gute <strong>Idee</strong>!</p>',
    }),
    mentions: z.array(z.string()).openapi({ description: 'Ids of the people the text mentions, each once.', example: ['ayse.demir'] }),
  })
  .openapi('Preview');
export type PreviewMatches = Expect<Same<z.infer<typeof PreviewSchema>, Preview>>;
