import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { ProblemError } from '../problem.ts';

/**
 * Refuses a URL whose percent-escapes do not decode (`%ZZ`, a cut-off
 * `%E0%A4%A`, an escaped surrogate `%ED%A0%80`). Hono keeps such an escape as
 * the literal text, so `page%3A%2Fa%ZZ` would silently become the key
 * `page:/a%ZZ`, which the page never meant. Only the raw URL can tell that
 * apart from a key that really contains `%ZZ` (sent as `%25ZZ`), so the check
 * looks at the URL as it arrived, and names the path parameter or query
 * parameter that holds the broken escape.
 */
export function checkPercentEscapes(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    if (!url.includes('%')) return next();
    const start = url.indexOf('/', url.indexOf('://') + 3);
    const queryAt = url.indexOf('?', start);
    const path = url.slice(start, queryAt === -1 ? undefined : queryAt);
    const badSegment = path.split('/').findIndex((segment) => !decodes(segment));
    if (badSegment !== -1) throw brokenEscape(pathParamAt(routePath(c, -1), badSegment));
    if (queryAt !== -1) {
      for (const pair of url.slice(queryAt + 1).split('#')[0]!.split('&')) {
        const [name = '', value = ''] = splitOnce(pair, '=');
        if (!decodes(name)) throw brokenEscape(undefined);
        if (!decodes(value)) throw brokenEscape(decodeURIComponent(name));
      }
    }
    return next();
  };
}

function brokenEscape(field: string | undefined): ProblemError {
  const where = field ?? 'The URL';
  return new ProblemError('validation', 400, `${where}: has a percent-escape that does not decode to UTF-8 text (write a literal % as %25).`, field);
}

function decodes(part: string): boolean {
  if (!part.includes('%')) return true;
  try {
    decodeURIComponent(part);
    return true;
  } catch {
    return false;
  }
}

/** `key` for segment 4 of `/api/v1/threads/:key/comments`; undefined where the route has no parameter there. */
function pathParamAt(pattern: string, index: number): string | undefined {
  const segment = pattern.split('/')[index];
  return segment?.startsWith(':') ? /^:(\w+)/.exec(segment)?.[1] : undefined;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
