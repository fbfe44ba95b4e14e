import { isWellFormed } from '../../src/core/text.ts';
import { ProblemError } from '../problem.ts';
import { PERSON_ID_PATTERN } from '../schemas/person.ts';

/**
 * Opaque page cursors: a tuple of the last row's sort values, as base64url
 * JSON. Clients must not build or read them; the server checks each one it
 * gets back against the shape it issues, so a forged or stale cursor is a 400,
 * never a query error. Every list's cursor is checked here and only here.
 */

/** A cursor this server did not make (or made for another list): 400 on field `cursor`. */
function invalidCursor(): ProblemError {
  return new ProblemError('validation', 400, 'The cursor is not one this server issued for this list.', 'cursor');
}

/** A timestamp as the stores format it (microseconds, UTC), so keyset comparisons are exact. */
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/**
 * A shape entry for such a timestamp: a real date (PostgreSQL refuses 2026-02-30 with an error, not
 * a false) in the years rows can have been written (PostgreSQL refuses year 0 too).
 */
export const CURSOR_TIME = 'time';
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** Comment, activity and report ids: ULIDs (server/ids.ts). */
export const CURSOR_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
/** A directory id, as the routes accept it. */
export const CURSOR_PERSON_ID = PERSON_ID_PATTERN;
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
    // No pattern lets a control character or a lone surrogate through, whatever it says.
    return typeof item === 'string' && check.test(item) && !CONTROL.test(item) && isWellFormed(item);
  });
  if (!fits) throw invalidCursor();
  return parsed as Array<string | number>;
}

const CONTROL = /\p{Cc}/u;

function isRealDate(time: string): boolean {
  const at = new Date(time).getTime();
  if (Number.isNaN(at) || at < EARLIEST || at > LATEST) return false;
  return new Date(at).toISOString().slice(0, 19) === time.slice(0, 19);
}
