import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Me } from '../../src/core/protocol.ts';
import type { AppEnv, Services } from '../context.ts';
import { ProblemError } from '../problem.ts';
import type { Viewer } from '../store/comment-view.ts';
import { findSessionUser, type SessionUser } from '../store/sessions.ts';

export const SESSION_COOKIE = 'plaza_session';
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * Resolves the session cookie to a person on every API request. Sessions are
 * tied to the sign-in mode that made them (`provider`), so a server switched
 * from dev sign-in to another mode ignores the old dev cookies.
 */
export function sessionMiddleware({ db, options }: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE) ?? null;
    c.set('sessionToken', token);
    c.set('user', token && options.auth !== 'none' ? await findSessionUser(db, token, options.auth) : null);
    await next();
  };
}

/** The signed-in user, or a 401 problem: for every write. */
export function requireUser(c: Context<AppEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw new ProblemError('unauthenticated', 401, 'Sign in to do this.');
  return user;
}

/** The signed-in moderator, or a 401/403 problem. */
export function requireModerator(c: Context<AppEnv>): SessionUser {
  const user = requireUser(c);
  if (!user.moderator) throw new ProblemError('forbidden', 403, 'Only moderators may do this.');
  return user;
}

/** Who reads: their reactions show as `mine`, and moderators see hidden comments. */
export function viewerOf(user: SessionUser | null): Viewer {
  return { id: user?.person.id ?? null, moderator: !!user?.moderator };
}

/** `GET /me` and the answer of sign-in/out. */
export function meFor(user: SessionUser | null): Me {
  return {
    user: user?.person ?? null,
    can: { react: !!user, comment: !!user, moderate: !!user?.moderator },
  };
}

/**
 * HttpOnly so page scripts (and XSS) cannot read it; SameSite=Lax so other
 * sites cannot ride it on writes; Secure whenever the request came over HTTPS
 * (plain http://localhost stays usable for the demo).
 */
export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isHttps(c),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c) });
}

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}
