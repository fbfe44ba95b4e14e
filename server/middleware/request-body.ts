import type { MiddlewareHandler } from 'hono';
import { incompleteBody } from './body-size.ts';
import { isSafeMethod } from '../methods.ts';
import { ProblemError } from '../problem.ts';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks every request body before a route sees it, so each way a body can be
 * wrong gets its own clear problem: not JSON at all (415), not UTF-8 (which
 * `Request.json()` would silently turn into U+FFFD), or not well-formed JSON
 * (with the parser's own words). The parsed value is left in Hono's body cache,
 * where the route's validator picks it up without parsing twice. Runs after
 * the body size limit, so it never reads more than that. `formPaths` are
 * exempt: their routes take a form a mail client sends, and ignore it.
 */
export function checkJsonBody(formPaths: readonly string[] = []): MiddlewareHandler {
  return async (c, next) => {
    // Routes in `formPaths` read no body, whatever its type (the unsubscribe link's one-click form).
    if (isSafeMethod(c.req.method) || formPaths.includes(c.req.path)) return next();
    const bytes = new Uint8Array(
      await c.req.arrayBuffer().catch(() => {
        throw incompleteBody();
      }),
    );
    if (bytes.length === 0) return next();
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
    if (!JSON_MEDIA_TYPE.test(mediaType)) {
      throw new ProblemError('validation', 415, `Send the body as JSON with Content-Type: application/json (got "${mediaType || 'none'}").`);
    }
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      throw new ProblemError('validation', 400, 'The body is not valid UTF-8.');
    }
    try {
      const value: unknown = JSON.parse(text);
      c.req.bodyCache.json = Promise.resolve(value);
    } catch (error) {
      throw new ProblemError('validation', 400, `The body is not valid JSON: ${(error as Error).message}`);
    }
    await next();
  };
}
