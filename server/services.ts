import type { CoreServices, Services } from './context.ts';
import { StreamRegistry } from './events/stream-registry.ts';
import { StreamSlots } from './events/stream-slots.ts';
import { createRateLimiters } from './middleware/rate-limiters.ts';
import { ThreadCache } from './store/thread-cache.ts';

/**
 * Builds the stateful services every route shares, once per server. None
 * touches the database or the bus before its first use, so a test or a tool
 * can build them over stand-ins (the OpenAPI document needs no database).
 */
export function createServices(core: CoreServices): Services {
  const { db, bus, options } = core;
  return {
    ...core,
    threadCache: new ThreadCache(db, bus, {
      kinds: options.reactionKinds,
      profileFields: options.profileFields,
      limits: { commentLength: options.maxCommentLength, mentionsPerComment: options.maxMentions },
      logger: options.logger,
      maxBytes: options.threadCacheMb * 1024 * 1024,
    }),
    rateLimiters: createRateLimiters(options),
    streamSlots: new StreamSlots(options),
    streamRegistry: new StreamRegistry(db, options.logger),
  };
}
