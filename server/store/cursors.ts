import { ProblemError } from '../problem.ts';

/**
 * Opaque page cursors: a tuple of the last row's sort values, as base64url
 * JSON. Clients must not build or read them; the server checks each one it
 * gets back against the shape it issues, so a forged or stale cursor is a 400,
 * never a query error.
 */

/** A cursor this server did not make (or made for another list): 400 on field `cursor`. */
function invalidCursor(): ProblemError {
  return new ProblemError('validation', 400, 'The cursor is not one this server issued for this list.', 'cursor');
}

/** A timestamp as the stores format it (microseconds, UTC), so keyset comparisons are exact. */
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** A shape entry for such a timestamp; a real date too, since PostgreSQL refuses 2026-02-30 with an error, not a false. */
export const CURSOR_TIME = 'time';
export const CURSOR_ID = /^[\w.:-]{1,200}$/;
/** PostgreSQL's integer: a bigger number would be a query error. */
const MAX_INT = 2_147_483_647;

export function encodeCursor(values: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * Decodes a cursor whose values each pass the matching check: a RegExp for
 * strings, `'int'` for a non-negative 32-bit integer, `'time'` for a timestamp.
 */
export function decodeCursor(value: string, shape: ReadonlyArray<RegExp | 'int' | 'time'>): Array<string | number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length) throw invalidCursor();
  const fits = parsed.every((item: unknown, i) => {
    const check = shape[i]!;
    if (check === 'int') return Number.isInteger(item) && (item as number) >= 0 && (item as number) <= MAX_INT;
    if (check === 'time') return typeof item === 'string' && TIME.test(item) && isRealDate(item);
    return typeof item === 'string' && check.test(item);
  });
  if (!fits) throw invalidCursor();
  return parsed as Array<string | number>;
}

function isRealDate(time: string): boolean {
  const date = new Date(time);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 19) === time.slice(0, 19);
}
