import { z } from '@hono/zod-openapi';
import type { DevPersonChange, DevSessionRequest } from '../../src/core/protocol.ts';
import type { Expect, Same } from './common.ts';
import { PersonIdSchema } from './person.ts';

export const DevSessionRequestSchema = z
  .object({ userId: PersonIdSchema })
  .openapi('DevSessionRequest');
export type DevSessionRequestMatches = Expect<Same<z.infer<typeof DevSessionRequestSchema>, DevSessionRequest>>;

const entry = () => z.string().trim().min(1).max(200).nullable().optional();

export const DevPersonChangeSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional().openapi({ example: 'Gökhan Özdemir-Weiß' }),
    role: entry().openapi({ example: 'Leiter Controlling' }),
    department: entry(),
    location: entry(),
  })
  .strict()
  .openapi('DevPersonChange');
export type DevPersonChangeMatches = Expect<Same<z.infer<typeof DevPersonChangeSchema>, DevPersonChange>>;
