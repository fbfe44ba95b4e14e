import { z } from '@hono/zod-openapi';
import type { DeliveryLog } from '../../src/core/protocol.ts';
import { TimestampSchema } from './comment.ts';
import { type Expect, type Same } from './common.ts';

export const DeliveryLogSchema = z
  .object({
    items: z.array(
      z
        .object({
          id: z.string(),
          channel: z.enum(['email', 'teams', 'webhook']),
          destination: z.string().openapi({ description: '`email`: the recipient\'s directory id; otherwise the URL\'s origin only.' }),
          status: z.enum(['pending', 'sending', 'sent', 'failed']),
          attempts: z.number().int(),
          lastError: z.string().nullable(),
          createdAt: TimestampSchema,
          nextAttemptAt: TimestampSchema.nullable(),
          sentAt: TimestampSchema.nullable(),
        })
        .openapi('DeliveryLogEntry'),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('DeliveryLog');
export type DeliveryLogMatches = Expect<Same<z.infer<typeof DeliveryLogSchema>, DeliveryLog>>;
