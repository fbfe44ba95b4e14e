import { z } from '@hono/zod-openapi';
import type { DevSessionRequest } from '../../src/core/protocol.ts';
import type { Expect, Same } from './common.ts';

export const DevSessionRequestSchema = z
  .object({ userId: z.string().min(1).max(200).openapi({ example: 'ayse.demir' }) })
  .openapi('DevSessionRequest');
export type DevSessionRequestMatches = Expect<Same<z.infer<typeof DevSessionRequestSchema>, DevSessionRequest>>;
