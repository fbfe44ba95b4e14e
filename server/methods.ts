const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request method only reads (RFC 9110's "safe" methods): such a
 * request carries no body to limit or parse, needs no CSRF check, does not
 * count as a write, and may be answered for a session looked up moments ago.
 */
export function isSafeMethod(method: string): boolean {
  return SAFE.has(method);
}
