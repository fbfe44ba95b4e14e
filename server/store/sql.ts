/* SQL helpers every store shares. */

/** A timestamp with microseconds in UTC: exact enough to be a keyset cursor, and valid ISO 8601. */
export function iso(expression: string): string {
  return `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** LIKE treats % and _ as wildcards and \\ as their escape: a search for "50%" or a space key means its characters. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
