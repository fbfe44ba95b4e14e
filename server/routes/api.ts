import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { sessionMiddleware } from '../auth/session.ts';
import type { AppEnv, Services } from '../context.ts';
import { ProblemError, validationProblem } from '../problem.ts';
import { registerDevSessionRoutes } from './dev-session.ts';
import { registerEventRoutes } from './events.ts';
import { registerMeRoutes } from './me.ts';
import { registerPeopleRoutes } from './people.ts';
import { registerReactionRoutes } from './reactions.ts';

/** Bodies are small JSON documents; anything bigger is a mistake or an attack. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The `/api/v1` router: every resource registers its routes here, and the
 * OpenAPI document is generated from exactly these definitions. Paths in the
 * document are relative to the endpoint (`servers: /api/v1`), like those in
 * src/core/protocol.ts.
 */
export function createApi(services: Services): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({
    // Invalid input never reaches a handler: it becomes a 400 naming the field.
    defaultHook: (result) => {
      if (!result.success) throw validationProblem(result.error);
    },
  });
  api.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ProblemError('tooLarge', 413, `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KiB.`);
      },
    }),
  );
  api.use('*', sessionMiddleware(services));

  registerMeRoutes(api);
  registerPeopleRoutes(api, services);
  registerReactionRoutes(api, services);
  registerEventRoutes(api, services);
  if (services.options.auth === 'dev') registerDevSessionRoutes(api, services);

  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'plaza_session',
  });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Plaza API',
      version: '1',
      description: 'The protocol between Plaza web components and a backend. Errors are RFC 9457 problem+json.',
    },
    servers: [{ url: '/api/v1' }],
  });
  return api;
}
