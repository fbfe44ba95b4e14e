import type { Person, Profile } from '../src/core/protocol.ts';
import type { ProfileField } from './config/privacy.ts';
import type { SessionUser } from './store/sessions.ts';

/*
 * `PLAZA_PROFILE_FIELDS`: what colleagues see of a person. Stores read the
 * whole row; every route that answers with a person passes it through here,
 * so the rule sits in one place. A person always sees their own entry whole
 * (`/me`, their own card), and the export (`/me/export`) keeps everything.
 * A field not shown is null, as a field the directory lacks is.
 */

/** Each field of a `Person` a setting may hide, and the setting's name for it. */
const HIDEABLE: ReadonlyArray<[keyof Person, ProfileField]> = [
  ['role', 'role'],
  ['department', 'department'],
  ['location', 'location'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['avatarUrl', 'avatar'],
];

type Viewer = Pick<SessionUser, 'person'> | null;

/** `person` as `viewer` may see them. */
export function shownPerson<P extends Partial<Person> & { id: string }>(person: P, viewer: Viewer, fields: readonly ProfileField[]): P {
  if (viewer?.person.id === person.id) return person;
  const shown = { ...person };
  for (const [key, field] of HIDEABLE) if (key in shown && !fields.includes(field)) (shown as Record<string, unknown>)[key] = null;
  return shown;
}

export function shownPeople<P extends Person>(people: readonly P[], viewer: Viewer, fields: readonly ProfileField[]): P[] {
  return people.map((person) => shownPerson(person, viewer, fields));
}

/** A profile card: the person's fields, and their manager only with `manager` listed (shown by the same rule). */
export function shownProfile(profile: Profile, viewer: Viewer, fields: readonly ProfileField[]): Profile {
  if (viewer?.person.id === profile.id) return profile;
  const manager = fields.includes('manager') && profile.manager ? shownPerson(profile.manager, viewer, fields) : null;
  return { ...shownPerson(profile, viewer, fields), manager };
}

export function shownProfiles(profiles: readonly Profile[], viewer: Viewer, fields: readonly ProfileField[]): Profile[] {
  return profiles.map((profile) => shownProfile(profile, viewer, fields));
}
