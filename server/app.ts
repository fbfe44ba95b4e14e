import { Hono } from 'hono';
import { renderApiReference, type OpenApiDocument } from './api-reference.ts';
import type { Services } from './context.ts';
import { healthCheck } from './health.ts';
import { apiCors, refuseForeignWrites } from './middleware/cross-origin.ts';
import { privateByDefault, REFERRER_POLICY } from './middleware/response-headers.ts';
import { ProblemError, problemResponse, toProblemError } from './problem.ts';
import { createApi, OPENAPI_CONFIG } from './routes/api.ts';
import { mountStaticFiles } from './static-files.ts';
import { ForwardedHeaders } from './trusted-proxies.ts';

/**
 * The whole HTTP surface: `/api/v1` (JSON, problem+json errors), the API
 * reference at `/api/docs`, and the static library and demo. No compression
 * middleware on purpose: it would buffer the event stream; the library is
 * compressed at build time (library-files.ts), JSON answers are small, and a
 * reverse proxy can compress the rest.
 */
export function createApp(services: Services): Hono {
  const { options } = services;
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    // On the response's own headers: `c.header()` after the handler would copy the whole
    // response (and its body) into a new one, a tenth of a thread read's CPU time.
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
  });
  app.use('/api/v1/*', privateByDefault());
  app.use('/api/*', apiCors(options.corsOrigins));
  app.use('/api/*', refuseForeignWrites(options.corsOrigins, new ForwardedHeaders(options.trustedProxies, options.logger)));
  const api = createApi(services);
  app.route('/api/v1', api);
  let reference: ReturnType<typeof renderApiReference> | undefined;
  app.get('/api/docs', (c) => {
    // Rendered on first visit: the routes do not change while the server runs.
    reference ??= renderApiReference(api.getOpenAPI31Document(OPENAPI_CONFIG) as OpenApiDocument, '/api/v1/openapi.json');
    c.header('Content-Security-Policy', reference.csp);
    c.header('Referrer-Policy', REFERRER_POLICY);
    return c.html(reference.html);
  });
  app.get('/healthz', healthCheck(services));
  mountStaticFiles(app, options.staticRoot);

  app.notFound((c) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) {
      return problemResponse(c, new ProblemError('notFound', 404, `There is no ${c.req.method} ${c.req.path}.`));
    }
    return c.text('Not found', 404);
  });
  app.onError((error, c) => problemResponse(c, toProblemError(error, options.logger, `${c.req.method} ${c.req.path}`)));
  return app;
}
