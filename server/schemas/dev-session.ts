import { z } from '@hono/zod-openapi';
import type { DevSessionRequest } from '../../src/core/protocol.ts';
import type { Expect, Same } from './common.ts';
import { PersonIdSchema } from './person.ts';

export const DevSessionRequestSchema = z
  .object({ userId: PersonIdSchema })
  .openapi('DevSessionRequest');
export type DevSessionRequestMatches = Expect<Same<z.infer<typeof DevSessionRequestSchema>, DevSessionRequest>>;
