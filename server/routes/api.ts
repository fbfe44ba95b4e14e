import { OpenAPIHono } from '@hono/zod-openapi';
import { createSignIn } from '../auth/sign-in.ts';
import { readAccessFor } from '../config/privacy.ts';
import type { AppEnv, Services } from '../context.ts';
import { limitBodySize } from '../middleware/body-size.ts';
import { eventPosition } from '../middleware/event-position.ts';
import { rateLimits } from '../middleware/rate-limit.ts';
import { readAccess } from '../middleware/read-access.ts';
import { checkJsonBody } from '../middleware/request-body.ts';
import { checkPercentEscapes } from '../middleware/url-escapes.ts';
import { validationProblem } from '../problem.ts';
import { registerActivityRoutes } from './activities.ts';
import { registerCommentRoutes } from './comments.ts';
import { registerDeliveryRoutes } from './deliveries.ts';
import { registerDevDirectoryRoutes } from './dev-directory.ts';
import { registerDevSessionRoutes } from './dev-session.ts';
import { registerEventPollRoutes } from './event-poll.ts';
import { registerEventRoutes } from './events.ts';
import { registerMeRoutes } from './me.ts';
import { registerModerationRoutes } from './moderation.ts';
import { registerNotificationRoutes } from './notifications.ts';
import { registerPeopleRoutes } from './people.ts';
import { registerPreviewRoutes } from './preview.ts';
import { registerPrivacyRoutes } from './privacy.ts';
import { registerReactionRoutes } from './reactions.ts';
import { registerSessionRoutes } from './session.ts';
import { documentSharedAnswers } from './shared-answers.ts';
import { registerThreadRoutes } from './threads.ts';
import { registerUnsubscribeRoutes } from './unsubscribe.ts';
import { registerWatchRoutes } from './watches.ts';

/** What the OpenAPI document says about itself; the reference page (/api/docs) renders the same document. */
export const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Plaza API',
    version: '1',
    description: 'The protocol between Plaza web components and a backend. Errors are RFC 9457 problem+json.',
  },
  servers: [{ url: '/api/v1' }],
  tags: [
    { name: 'people', description: 'The directory: who someone is, finding people, following them.' },
    { name: 'reactions', description: 'Reactions to anything with a key: pages, comments, status posts.' },
    { name: 'comments', description: 'Threads of comments and replies under a page.' },
    { name: 'moderation', description: 'Reporting, hiding, closing threads, and the moderators\' record.' },
    { name: 'activities', description: 'Feeds of what happened, and status posts.' },
    { name: 'notifications', description: 'Who is told of what: your notifications, where they reach you, the threads you watch, and unsubscribing from e-mails.' },
    { name: 'privacy', description: 'Your own data: export and erasure.' },
    { name: 'realtime', description: 'Changes as they happen: Server-Sent Events, or polling where streams are blocked.' },
    { name: 'sign-in', description: 'OIDC: trading a bearer token for a session cookie (only with `PLAZA_AUTH=oidc`).' },
    { name: 'dev sign-in', description: 'Signing in as anyone, for trying Plaza out (only with `PLAZA_AUTH=dev`).' },
  ],
};

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
  api.use('*', checkPercentEscapes());
  // Bodies are small JSON documents; anything bigger is a mistake or an attack.
  api.use('*', limitBodySize(services.options.maxBodyBytes));
  const signIn = createSignIn(services);
  api.use('*', signIn.middleware);
  api.use('*', readAccess(services.options));
  api.use('*', rateLimits(services.rateLimiters));
  // The unsubscribe link's one-click POST comes as a form from mail clients (RFC 8058).
  api.use('*', checkJsonBody(['/api/v1/unsubscribe']));
  api.use('*', eventPosition(services.bus));

  registerMeRoutes(api, services);
  registerPeopleRoutes(api, services);
  registerReactionRoutes(api, services);
  registerThreadRoutes(api, services);
  registerCommentRoutes(api, services);
  registerPreviewRoutes(api, services);
  registerModerationRoutes(api, services);
  registerActivityRoutes(api, services);
  registerNotificationRoutes(api, services);
  registerWatchRoutes(api, services);
  registerPrivacyRoutes(api, services, signIn.sessions, signIn.cookie);
  registerEventRoutes(api, services);
  registerEventPollRoutes(api, services);
  registerDeliveryRoutes(api, services);
  registerUnsubscribeRoutes(api, services);
  if (services.options.auth === 'dev') {
    registerDevSessionRoutes(api, services, signIn.sessions, signIn.cookie);
    registerDevDirectoryRoutes(api, services, signIn.sessions);
  }
  if (signIn.oidc) registerSessionRoutes(api, services, signIn.oidc, signIn.sessions, signIn.cookie);

  documentSharedAnswers(api.openAPIRegistry, { bearer: Boolean(signIn.oidc), signedInReads: readAccessFor(services.options) === 'signed-in' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    // `__Host-plaza_session` over HTTPS (session-cookie.ts); OpenAPI names one cookie per scheme.
    name: 'plaza_session',
  });
  if (signIn.oidc) api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  api.doc31('/openapi.json', OPENAPI_CONFIG);
  return api;
}
