import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ForwardedHeaders } from '../trusted-proxies.ts';
import { SESSION_MAX_AGE_SECONDS } from './session.ts';

export const SESSION_COOKIE = 'plaza_session';
/** The name over HTTPS: browsers take a `__Host-` cookie only Secure, for `/`, from this host itself (not set by a sibling subdomain). */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

/**
 * The session cookie of `dev` and `oidc` sign-in. HttpOnly so page scripts
 * (and XSS) cannot read it; SameSite=Lax so other sites cannot ride it on
 * writes; over HTTPS `Secure` and named `__Host-plaza_session`, plain
 * `plaza_session` on http://localhost for the demo. Whether the browser came
 * over HTTPS is a trusted proxy's word (`X-Forwarded-Proto`), never a client's.
 *
 * Both names are read, the prefixed one first: cookies set as
 * `plaza_session` over HTTPS before the prefix keep their sessions until they
 * expire (30 days) or are replaced at the next sign-in, which clears the old
 * name.
 */
export class SessionCookie {
  constructor(private readonly forwarded: ForwardedHeaders) {}

  /** The request's session token, if it has one. */
  read(c: Context): string | null {
    return getCookie(c, SECURE_SESSION_COOKIE) ?? getCookie(c, SESSION_COOKIE) ?? null;
  }

  set(c: Context, token: string, maxAgeSeconds = SESSION_MAX_AGE_SECONDS): void {
    const secure = this.forwarded.isHttps(c);
    // A cookie by the other name would otherwise outlive this sign-in (and be read when this one is gone).
    this.clearPresent(c, secure ? [SESSION_COOKIE] : [SECURE_SESSION_COOKIE]);
    const options = { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: maxAgeSeconds } as const;
    if (secure) setCookie(c, SESSION_COOKIE, token, { ...options, prefix: 'host' });
    else setCookie(c, SESSION_COOKIE, token, options);
  }

  /** Clears the names the request carried, or the one this scheme uses. */
  clear(c: Context): void {
    const present = this.clearPresent(c, [SECURE_SESSION_COOKIE, SESSION_COOKIE]);
    if (present === 0) this.delete(c, this.forwarded.isHttps(c) ? SECURE_SESSION_COOKIE : SESSION_COOKIE);
  }

  private clearPresent(c: Context, names: readonly string[]): number {
    const present = names.filter((name) => getCookie(c, name) !== undefined);
    for (const name of present) this.delete(c, name);
    return present.length;
  }

  private delete(c: Context, name: string): void {
    const options = { path: '/', httpOnly: true, sameSite: 'Lax' } as const;
    if (name === SECURE_SESSION_COOKIE) deleteCookie(c, SESSION_COOKIE, { ...options, prefix: 'host' });
    else deleteCookie(c, SESSION_COOKIE, { ...options, secure: this.forwarded.isHttps(c) });
  }
}
