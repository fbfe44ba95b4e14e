import { PROFILE_FIELDS, type ProfileField } from '../config/privacy.ts';

/*
 * SQL fragments that turn a `people` row (under any alias) into the protocol's
 * shapes. Every store that shows a person joins people through these, so a
 * new profile field is added in one place.
 */

/**
 * The columns of a `Person`, aliased to the protocol's names so rows need no
 * mapping. Other stores join people through this, so a new profile field is
 * added in one place.
 */
export function personColumns(alias: string): string {
  return `${alias}.id, ${alias}.name, ${alias}.role, ${alias}.department, ${alias}.location,
    ${alias}.email, ${alias}.phone, ${alias}.avatar_url AS "avatarUrl"`;
}

/**
 * Every field a tag may carry, for what keeps people whole: the event log
 * (the setting is applied where events leave, `shownEvent`) and the export.
 */
export const WHOLE_TAGS: readonly ProfileField[] = PROFILE_FIELDS;

/**
 * The `PersonTag` of `alias`, for a comment's author or an activity's people:
 * what a name tag shows, no contact details. `role` and the picture only when
 * `PLAZA_PROFILE_FIELDS` lists `role` and `avatar` (`fields`, the server's
 * setting; null otherwise, as a field the directory lacks is). A tag is the
 * same for every reader, so it is decided here, where every tag is built
 * (thread pages, the events a write logs, feeds, notifications), and the
 * shared thread cache and the event log stay valid for everyone (decision 185).
 */
export function personTagJson(alias: string, fields: readonly ProfileField[]): string {
  const role = fields.includes('role') ? `${alias}.role` : 'NULL::text';
  const avatar = fields.includes('avatar') ? `${alias}.avatar_url` : 'NULL::text';
  return `json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'role', ${role}, 'avatarUrl', ${avatar})`;
}

/** The same columns as `personColumns` as one JSON object, for a person embedded in another row (a report's reporter, a manager). */
export function personJson(alias: string): string {
  return `json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'role', ${alias}.role,
    'department', ${alias}.department, 'location', ${alias}.location, 'email', ${alias}.email,
    'phone', ${alias}.phone, 'avatarUrl', ${alias}.avatar_url)`;
}
