import type { Context } from 'hono';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isLoopback, type PlazaOptions, type UserIdFormat } from '../config.ts';
import type { Queryable } from '../db.ts';
import type { Logger } from '../log.ts';
import { ProblemError } from '../problem.ts';
import { findSessionUser, type SessionUser } from '../store/sessions.ts';
import { directoryId, OnceEach, userIdFormatOf, type Directory } from './directory.ts';
import { isSafeMethod } from '../methods.ts';
import type { SessionCache } from './session-cache.ts';

/** Sessions made from a token say so; switching PLAZA_AUTH away from oidc ends them. */
export const OIDC_PROVIDER = 'oidc';

/** How long fetching the discovery document or the key set may take. */
const FETCH_TIMEOUT_MS = 5000;
/** After a failed discovery, requests fail fast (503) for this long instead of each waiting for the provider. */
const RETRY_DISCOVERY_MS = 10_000;
/** At most one log line per this long about an unreachable provider, however many requests fail. */
const REPORT_EVERY_MS = 60_000;

/** A bearer token that verified. */
export interface BearerSignIn {
  /** Null when the token is valid but names nobody Plaza lets in (unknown with auto-create off, a foreign domain). */
  user: SessionUser | null;
  /** The token's `exp`, in seconds since 1970: a session made from it ends then. */
  expiresAt: number;
}

/**
 * `PLAZA_AUTH=oidc`: `Authorization: Bearer <JWT>` from the page's identity
 * provider (Keycloak, Entra ID, ADFS, …), checked with jose against the
 * provider's published keys, the issuer, the audience, an allowlist of
 * asymmetric algorithms and the expiry. Without a bearer, a `plaza_session`
 * cookie made by `POST /session` from such a token signs the request in
 * (EventSource cannot send headers).
 *
 * The provider is contacted on the first token, not at startup, so Plaza
 * starts while the provider is down; a token that cannot be checked for that
 * reason is a 503, never a 401 (the token may well be fine) and never a 500.
 */
export class OidcSignIn {
  private readonly format: UserIdFormat;
  private readonly warned = new OnceEach();
  private readonly checked = new WeakMap<Request, Promise<BearerSignIn | null>>();
  private keys: Promise<JWTVerifyGetKey> | undefined;
  private retryDiscoveryAt = 0;
  private reportedAt = -Infinity;

  constructor(
    private readonly db: Queryable,
    private readonly options: PlazaOptions,
    private readonly directory: Directory,
    private readonly logger: Logger,
    private readonly sessions: SessionCache,
  ) {
    this.format = userIdFormatOf(options);
    logger.info(`Sign-in: OpenID Connect tokens of ${options.oidcIssuer} for ${options.oidcAudience.join(', ')} (PLAZA_AUTH=oidc).`);
  }

  /** The request's user: from its bearer token if it has one, else from an `oidc` session cookie. */
  async user(c: Context, sessionToken: string | null): Promise<SessionUser | null> {
    const bearer = await this.bearer(c);
    if (bearer) return bearer.user;
    if (!sessionToken) return null;
    return this.sessions.user(`${OIDC_PROVIDER}:${sessionToken}`, isSafeMethod(c.req.method), () => findSessionUser(this.db, sessionToken, OIDC_PROVIDER));
  }

  /**
   * The request's bearer token, verified once per request however often it
   * is asked (the middleware and `POST /session` both need it). Null without
   * one; a 401 problem for one that does not verify.
   */
  bearer(c: Context): Promise<BearerSignIn | null> {
    let result = this.checked.get(c.req.raw);
    if (!result) {
      result = this.verifyHeader(c.req.header('authorization'), isSafeMethod(c.req.method));
      this.checked.set(c.req.raw, result);
    }
    return result;
  }

  private async verifyHeader(header: string | undefined, read: boolean): Promise<BearerSignIn | null> {
    const [scheme, ...rest] = header?.trim().split(/\s+/) ?? [];
    // Other schemes (Basic, Negotiate) may pass through an intranet proxy; they are not Plaza's business.
    if (scheme?.toLowerCase() !== 'bearer') return null;
    if (rest.length !== 1) throw invalidToken('The Authorization header must be "Bearer" and one token.');
    const payload = await this.verify(rest[0]!);
    const expiresAt = payload.exp!; // required below
    const claim = this.options.oidcIdClaim;
    const name = payload[claim];
    if (typeof name !== 'string' || !name.trim()) throw invalidToken(`The token has no "${claim}" claim to tell who you are.`);
    const result = directoryId(name, this.format, this.options.userDomains);
    if ('refused' in result) {
      if (result.lookalike) throw this.directory.refuseLookalike(`the token's ${claim}`, name, result.refused);
      this.warned.run(`name ${name}`, () => this.logger.warn(`Sign-in: the token's ${claim} "${name}" ${result.refused}; treated as signed out.`));
      return { user: null, expiresAt };
    }
    let user = await this.directory.signIn(
      result.id,
      { name: stringClaim(payload, this.options.oidcNameClaim), email: stringClaim(payload, this.options.oidcEmailClaim) },
      'an OIDC token',
      read,
    );
    const role = this.options.oidcModeratorRole;
    if (user && role !== undefined) user = await this.directory.setModerator(user, rolesOf(payload, this.options.oidcRolesClaims).has(role));
    // The auditor role is the token's to give, each time: nothing stores it (PLAZA_AUDITORS adds people in sign-in.ts).
    const auditorRole = this.options.oidcAuditorRole;
    if (user && auditorRole !== undefined && rolesOf(payload, this.options.oidcRolesClaims).has(auditorRole)) user = { ...user, auditor: true };
    return { user, expiresAt };
  }

  private async verify(token: string): Promise<JWTPayload> {
    const { oidcIssuer, oidcAudience, oidcAlgorithms, oidcClockToleranceSeconds } = this.options;
    // The key set is looked up only after the token parsed and names an allowed algorithm: garbage costs no fetch.
    const key: JWTVerifyGetKey = async (header, input) => {
      const keys = await this.keySet();
      try {
        return await keys(header, input);
      } catch (error) {
        if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
        throw new ProviderUnavailable(`the key set could not be read: ${describe(error)}`, { cause: error });
      }
    };
    try {
      const { payload } = await jwtVerify(token, key, {
        issuer: oidcIssuer,
        audience: oidcAudience,
        algorithms: oidcAlgorithms,
        clockTolerance: oidcClockToleranceSeconds,
        // A token without an expiry would sign in forever.
        requiredClaims: ['exp'],
      });
      return payload;
    } catch (error) {
      if (error instanceof ProviderUnavailable) throw this.unavailable(error);
      if (error instanceof errors.JOSEError) throw invalidToken(reasonOf(error));
      throw error; // a bug: logged with its stack, answered as a bare 500
    }
  }

  /** The provider's key set, discovered on first use; jose caches it and refetches for an unknown `kid` (key rotation). */
  private keySet(): Promise<JWTVerifyGetKey> {
    if (this.keys) return this.keys;
    if (Date.now() < this.retryDiscoveryAt) return Promise.reject(new ProviderUnavailable('discovery failed moments ago'));
    const keys = this.jwksUrl().then((url) => createRemoteJWKSet(new URL(url), { timeoutDuration: FETCH_TIMEOUT_MS }));
    this.keys = keys;
    keys.catch(() => {
      this.keys = undefined;
      this.retryDiscoveryAt = Date.now() + RETRY_DISCOVERY_MS;
    });
    return keys;
  }

  private async jwksUrl(): Promise<string> {
    const { oidcJwksUrl, oidcIssuer } = this.options;
    if (oidcJwksUrl !== undefined) return oidcJwksUrl;
    const discovery = `${oidcIssuer!.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    let document: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const response = await fetch(discovery, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      document = (await response.json()) as typeof document;
    } catch (error) {
      throw new ProviderUnavailable(`${discovery}: ${describe(error)}`, { cause: error });
    }
    const jwksUri = document?.jwks_uri;
    if (typeof jwksUri !== 'string' || !isKeyUrl(jwksUri)) {
      throw new ProviderUnavailable(`${discovery} names no https:// jwks_uri (got ${JSON.stringify(jwksUri)})`);
    }
    if (document.issuer !== oidcIssuer) {
      this.warned.run('issuer', () =>
        this.logger.warn(`Sign-in: ${discovery} says the issuer is ${JSON.stringify(document.issuer)}, not ${oidcIssuer}; tokens must carry ${oidcIssuer}.`),
      );
    }
    return jwksUri;
  }

  private unavailable(error: ProviderUnavailable): ProblemError {
    const now = Date.now();
    if (now - this.reportedAt >= REPORT_EVERY_MS) {
      this.reportedAt = now;
      this.logger.warn(`Sign-in: cannot check tokens, the identity provider is unreachable or misconfigured: ${error.message}`);
    }
    return new ProblemError('unavailable', 503, 'The sign-in service cannot be reached to check your token; try again shortly.').with(
      {},
      { 'Retry-After': String(RETRY_DISCOVERY_MS / 1000) },
    );
  }
}

/** The identity provider could not be asked: not the token's fault. */
class ProviderUnavailable extends Error {
  override name = 'ProviderUnavailable';
}

/** A 401 that says what is wrong with the token, in words that reveal nothing about the server (RFC 6750 §3). */
function invalidToken(detail: string): ProblemError {
  const description = detail.replace(/["\\]/g, "'");
  return new ProblemError('unauthenticated', 401, detail).with({}, {
    'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"`,
  });
}

function reasonOf(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return 'The token was issued by another identity provider.';
      case 'aud':
        return 'The token was issued for another application.';
      case 'nbf':
        return 'The token is not valid yet.';
      case 'exp':
        return 'The token has no valid expiry time.';
      default:
        return `The token's "${error.claim}" claim is not acceptable.`;
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The token is signed with an algorithm this server does not accept.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature is not valid.';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return 'The token is not signed with a key of the identity provider.';
  }
  return 'The bearer token is not a valid signed JWT.';
}

function stringClaim(payload: JWTPayload, claim: string): string | undefined {
  const value = payload[claim];
  return typeof value === 'string' ? value : undefined;
}

/** Every role or group name in the given claims; a claim may be a dotted path (`realm_access.roles`, Keycloak). */
function rolesOf(payload: JWTPayload, claims: readonly string[]): Set<string> {
  const roles = new Set<string>();
  for (const path of claims) {
    let value: unknown = payload;
    for (const step of path.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
    for (const role of Array.isArray(value) ? value : [value]) if (typeof role === 'string') roles.add(role);
  }
  return roles;
}

function isKeyUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
