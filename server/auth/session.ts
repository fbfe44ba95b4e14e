import type { Context } from 'hono';
import type { Me } from '../../src/core/protocol.ts';
import type { AppEnv } from '../context.ts';
import { ProblemError } from '../problem.ts';
import type { Viewer } from '../store/comment-view.ts';
import type { SessionUser } from '../store/sessions.ts';
import type { SessionCache } from './session-cache.ts';

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

// Who the request is from (cookie, proxy header or bearer token, by PLAZA_AUTH) is decided in sign-in.ts; the cookie itself is session-cookie.ts.

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

/** A moderator or an auditor (who reads the audit log and cannot moderate), or a 401/403 problem. */
export function requireAuditReader(c: Context<AppEnv>): SessionUser {
  const user = requireUser(c);
  if (!user.moderator && !user.auditor) throw new ProblemError('forbidden', 403, 'Only moderators and auditors may read the audit log.');
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

/** After the request's session ended: reads on this instance no longer see its user. */
export function forgetUser(c: Context<AppEnv>, sessions: SessionCache): void {
  const user = c.get('user');
  if (user) sessions.forget(user.person.id);
}
