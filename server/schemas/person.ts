import { z } from '@hono/zod-openapi';
import type { Me, Person, PersonTag, Profile, ProfileList } from '../../src/core/protocol.ts';
import { documentedPattern, orNull, type Expect, type Same } from './common.ts';

/** Directory ids: no whitespace, control characters or lone surrogates (a NUL would be a database error, not a 404). */
export const PERSON_ID_PATTERN = /^[^\s\p{Cc}\p{Cs}]{1,200}$/u;
export const PersonIdSchema = z
  .string()
  .regex(PERSON_ID_PATTERN, 'must be a person id')
  .openapi({ pattern: documentedPattern(PERSON_ID_PATTERN), example: 'ayse.demir' });

const optionalText = () => z.string().nullable().optional();

export const PersonSchema = z
  .object({
    id: z.string().openapi({ example: 'juergen.mueller' }),
    name: z.string().openapi({ example: 'Jürgen Müller' }),
    role: optionalText().openapi({ example: 'Leiter Netzbetrieb' }),
    department: optionalText().openapi({ example: 'Netzbetrieb' }),
    location: optionalText().openapi({ example: 'Betriebshof Süd' }),
    email: optionalText().openapi({ example: 'juergen.mueller@stadtwerke-musterstadt.example' }),
    phone: optionalText().openapi({ example: '+49 5555 1204-210' }),
    avatarUrl: optionalText(),
  })
  .openapi('Person');
export type PersonMatches = Expect<Same<z.infer<typeof PersonSchema>, Person>>;

export const PersonTagSchema = PersonSchema.pick({ id: true, name: true, role: true, avatarUrl: true })
  .openapi({ description: 'A person as a comment or activity names them; the rest of their entry comes from `GET /people`.' })
  .openapi('PersonTag');
export type PersonTagMatches = Expect<Same<z.infer<typeof PersonTagSchema>, PersonTag>>;

export const PersonListSchema = z.object({ items: z.array(PersonSchema) }).openapi('PersonList');

export const MeSchema = z
  .object({
    user: orNull(PersonSchema),
    can: z.object({ react: z.boolean(), comment: z.boolean(), moderate: z.boolean(), seeWhoReacted: z.boolean().optional() }),
  })
  .openapi('Me');
export type MeMatches = Expect<Same<z.infer<typeof MeSchema>, Me>>;

export const ProfileSchema = PersonSchema.extend({
  manager: orNull(PersonSchema).openapi({ description: 'Their manager as the directory says (`plaza import-people`); null when none.' }),
  followers: z.number().int().nonnegative(),
  following: z.number().int().nonnegative(),
  followedByMe: z.boolean(),
}).openapi('Profile');
export type ProfileMatches = Expect<Same<z.infer<typeof ProfileSchema>, Profile>>;

export const ProfileListSchema = z.object({ items: z.array(ProfileSchema) }).openapi('ProfileList');
export type ProfileListMatches = Expect<Same<z.infer<typeof ProfileListSchema>, ProfileList>>;
