import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { REFERRER_POLICY } from './middleware/response-headers.ts';

/**
 * `/dist/plaza.js` is an ES module; a classic `<script src>` (an old template, a tag manager)
 * fails on it with a syntax error that names no reason. Browsers say how they fetch a script
 * (`Sec-Fetch-Dest: script` with `Sec-Fetch-Mode: no-cors` is a classic script, a module script
 * is `cors`), over HTTPS and to localhost: such a request gets `plaza.classic.js`, with a console
 * warning that says what to write instead. Elsewhere (plain HTTP, other web servers) the docs
 * are the only help. `Vary` keeps a cache from handing one kind of answer to the other request.
 */
export function mountClassicScriptFallback(app: Hono, staticRoot: string): void {
  app.use('/dist/plaza.js', async (c, next) => {
    if (c.req.header('sec-fetch-dest') === 'script' && c.req.header('sec-fetch-mode') === 'no-cors') {
      const classic = await readFile(join(staticRoot, 'dist', 'plaza.classic.js'), 'utf8').catch(() => undefined);
      if (classic !== undefined) {
        return c.body(`${WARNING}\n${classic}`, 200, {
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': 'no-cache',
          Vary: 'Sec-Fetch-Mode',
          // As library-files.ts sends with every file of the library.
          'Access-Control-Allow-Origin': '*',
          'Cross-Origin-Resource-Policy': 'cross-origin',
          'Referrer-Policy': REFERRER_POLICY,
        });
      }
    }
    await next();
    c.res.headers.append('Vary', 'Sec-Fetch-Mode');
  });
}

const WARNING =
  'console.warn("[plaza] plaza.js is an ES module but was loaded by a classic <script>. ' +
  'Write <script type=\\"module\\" src=\\".../dist/plaza.js\\"></script>, or <script src=\\".../dist/plaza.classic.js\\"></script> ' +
  'where only classic scripts can be inserted. This server sent plaza.classic.js this time; other web servers do not.");';
