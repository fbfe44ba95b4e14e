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

/** The `PersonTag` of `alias`, for a comment's author or an activity's people: what a name tag shows, no contact details. */
export function personTagJson(alias: string): string {
  return `json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'role', ${alias}.role, 'avatarUrl', ${alias}.avatar_url)`;
}

/** The same columns as `personColumns` as one JSON object, for a person embedded in another row (a report's reporter, a manager). */
export function personJson(alias: string): string {
  return `json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'role', ${alias}.role,
    'department', ${alias}.department, 'location', ${alias}.location, 'email', ${alias}.email,
    'phone', ${alias}.phone, 'avatarUrl', ${alias}.avatar_url)`;
}
