import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { mountClassicScriptFallback } from './classic-script.ts';
import { libraryFiles } from './library-files.ts';
import { REFERRER_POLICY } from './middleware/response-headers.ts';

/**
 * The demo's Content-Security-Policy: no inline script or style, no eval, Trusted Types enforced,
 * nothing from elsewhere. The demo proves Plaza runs under such a policy, so
 * it is sent as a header the page cannot loosen.
 */
const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  // Trusted Types: Plaza (and Lit inside it) must never hand a plain string to an HTML sink.
  "require-trusted-types-for 'script'",
].join('; ');

/**
 * `/dist/*` (the built library, precompressed and cacheable: library-files.ts)
 * and `/demo/*` from `staticRoot`, and `/` → `/demo/`.
 */
export function mountStaticFiles(app: Hono, staticRoot: string): void {
  mountClassicScriptFallback(app, staticRoot);
  app.use('/dist/*', libraryFiles(join(staticRoot, 'dist')));
  app.get('/demo', (c) => c.redirect('/demo/', 301));
  app.use('/demo/*', async (c, next) => {
    await next();
    if (c.res.headers.get('content-type')?.startsWith('text/html')) c.header('Content-Security-Policy', DEMO_CSP);
    c.header('Referrer-Policy', REFERRER_POLICY);
  });
  app.use('/demo/*', serveStatic({ root: staticRoot }));
  app.get('/', (c) => c.redirect('/demo/', 302));
}

/** For the startup hint: has `npm run build` produced the library yet? */
export function libraryBuilt(staticRoot: string): boolean {
  return existsSync(join(staticRoot, 'dist', 'plaza.js'));
}
