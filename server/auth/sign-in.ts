import type { Context, MiddlewareHandler } from 'hono';
import type { AuthMode } from '../config.ts';
import type { AppEnv, Services } from '../context.ts';
import { findSessionUser, type SessionUser } from '../store/sessions.ts';
import { directoryId, Directory, userIdFormatOf } from './directory.ts';
import { OidcSignIn } from './oidc.ts';
import { ProxySignIn } from './proxy.ts';
import { isSafeMethod } from '../methods.ts';
import { SessionCache } from './session-cache.ts';
import { SessionCookie } from './session-cookie.ts';
import { ForwardedHeaders } from '../trusted-proxies.ts';

/** How `PLAZA_AUTH` resolves a request to a user; `oidc` is set in that mode, for `POST /session`. */
export interface SignIn {
  middleware: MiddlewareHandler<AppEnv>;
  oidc: OidcSignIn | null;
  /** Recently seen sessions; sign-out and erasure make it forget a person. */
  sessions: SessionCache;
  /** Reads, sets and clears the session cookie (`dev`, `oidc`). */
  cookie: SessionCookie;
}

/**
 * Decides who every API request is from, by mode:
 *
 * - `dev`: the session cookie of a dev sign-in;
 * - `proxy`: the proxy's header, believed only from a trusted proxy address;
 * - `oidc`: a verified bearer token, else a cookie made from one;
 * - `none`: nobody.
 *
 * Cookie sessions are looked up only for the mode that made them (the
 * sessions' `provider`), so switching modes signs the old cookies out.
 * `PLAZA_MODERATORS` then makes the listed people moderators, and
 * `PLAZA_AUDITORS` auditors (readers of the audit log), in every mode.
 * Reads may be answered for a session seen in the last
 * `PLAZA_SESSION_CACHE_SECONDS` (see SessionCache); writes look it up again
 * unless this is the only instance (PGlite).
 */
export function createSignIn({ db, bus, options }: Services): SignIn {
  const { logger } = options;
  const sessions = new SessionCache(options.sessionCacheSeconds * 1000, Date.now, db.engine === 'pglite');
  const cookie = new SessionCookie(new ForwardedHeaders(options.trustedProxies, logger));
  const directory = new Directory(db, bus, options, logger, sessions);
  const oidc = options.auth === 'oidc' ? new OidcSignIn(db, options, directory, logger, sessions) : null;
  const proxy = options.auth === 'proxy' ? new ProxySignIn(options, directory, logger) : null;
  const resolve: Record<AuthMode, (c: Context, sessionToken: string | null) => Promise<SessionUser | null>> = {
    dev: async (c, token) => (token ? sessions.user(`dev:${token}`, isSafeMethod(c.req.method), () => findSessionUser(db, token, 'dev')) : null),
    proxy: (c) => proxy!.user(c),
    oidc: (c, token) => oidc!.user(c, token),
    none: async () => null,
  };
  const moderators = directoryIds(options, options.moderators);
  const auditors = directoryIds(options, options.auditors);

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const token = cookie.read(c);
    c.set('sessionToken', token);
    const user = await resolve[options.auth](c, token);
    c.set('user', user && withListedRoles(user, moderators, auditors));
    await next();
  };
  return { middleware, oidc, sessions, cookie };
}

/** `PLAZA_MODERATORS` and `PLAZA_AUDITORS` add their role to whoever the mode signed in. */
function withListedRoles(user: SessionUser, moderators: Set<string>, auditors: Set<string>): SessionUser {
  const moderator = user.moderator || moderators.has(user.person.id);
  const auditor = !!user.auditor || auditors.has(user.person.id);
  return moderator === user.moderator && auditor === !!user.auditor ? user : { ...user, moderator, auditor };
}

/** `PLAZA_MODERATORS` as directory ids: the moderators the notifications projector tells (start.ts). */
export function moderatorIds(options: Services['options']): Set<string> {
  return directoryIds(options, options.moderators);
}

/** `PLAZA_MODERATORS` or `PLAZA_AUDITORS`, spelt as the mode spells directory ids (so `MUSTER\Julia.Schmitt` works in proxy mode). */
function directoryIds(options: Services['options'], names: readonly string[]): Set<string> {
  if (options.auth !== 'proxy' && options.auth !== 'oidc') return new Set(names);
  const format = userIdFormatOf(options);
  return new Set(
    names.map((name) => {
      const result = directoryId(name, format, []);
      return 'id' in result ? result.id : name;
    }),
  );
}
