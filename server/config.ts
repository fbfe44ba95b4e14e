import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DEFAULT_REACTION_KINDS, LIMITS, REACTION_KIND_PATTERN } from '../src/core/protocol.ts';
import { checkDeliveryOptions, DEFAULT_DELIVERY_OPTIONS, deliveryOptionsFromEnv, type DeliveryOptions } from './config/delivery.ts';
import { DEFAULT_PRIVACY_OPTIONS, privacyOptionsFromEnv, type PrivacyOptions } from './config/privacy.ts';
import type { Logger } from './log.ts';
import { checkNotificationOptions, NOTIFICATION_DEFAULTS, notificationOptionsFromEnv, type NotificationOptions } from './config/notifications.ts';
import { auditOptionsFromEnv, DEFAULT_AUDIT_OPTIONS, type AuditOptions } from './config/audit.ts';
import { DEFAULT_RETENTION_OPTIONS, retentionFromEnv, type RetentionOptions } from './config/retention.ts';

/**
 * How people sign in. `dev` lets anyone pick any colleague: for demos only.
 * `proxy` trusts a header set by an authenticating reverse proxy, `oidc`
 * verifies OpenID Connect bearer tokens, `none` signs nobody in.
 */
export type AuthMode = 'dev' | 'proxy' | 'oidc' | 'none';
/**
 * How a user name from the proxy header or the token becomes a directory id:
 * `name` drops a Windows domain (`MUSTER\ayse`) and a Kerberos realm or mail
 * domain (`ayse@MUSTER.LOCAL`) and lowercases; `lowercase` keeps them and
 * lowercases; `exact` takes the value as it is.
 */
export type UserIdFormat = 'name' | 'lowercase' | 'exact';
/** Signature algorithms a token may use: asymmetric only (`none` and shared-secret HS* never). */
export const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;
/** `demo` fills an empty database with Stadtwerke Musterstadt; never touches one that has people. */
export type SeedMode = 'demo' | 'none';
/** What `DELETE /me` does to a person's comments: keep them without an author, or empty them too. */
export type EraseMode = 'anonymise' | 'delete';

/**
 * E-mail, Teams, webhooks and the send queue (issue 20) are in config/delivery.ts; who is notified in config/notifications.ts;
 * the audit log's readers in config/audit.ts; retention in config/retention.ts; the privacy settings (issue 19: who may read,
 * which profile fields, who sees behaviour) in config/privacy.ts.
 */
export interface PlazaOptions extends DeliveryOptions, NotificationOptions, AuditOptions, RetentionOptions, PrivacyOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** A folder for the embedded database, or `memory://` for a throwaway one. */
  dataDir: string;
  /** `postgres://…`: keep the data in this PostgreSQL database instead (then `dataDir` is unused); several instances may share it. */
  databaseUrl?: string;
  /** Most connections to PostgreSQL per instance (one more listens for the other instances' events). */
  databasePoolSize: number;
  /** PGlite: fsync each commit, so it survives a power cut, not only a crash of Plaza. */
  pgliteFsync: boolean;
  auth: AuthMode;
  /** `proxy`: the request header that names the user (compared case-insensitively). */
  proxyHeader: string;
  /** Addresses (`10.0.0.5`, `10.0.0.0/24`, `fd00::/8`, `::ffff:10.0.0.5`) of the reverse proxies: their X-Forwarded-Host/-Proto count (every mode), and with `proxy` their user header (required there). */
  trustedProxies: string[];
  /** `proxy` and `oidc`: how the user name becomes a directory id. Default: `name` for proxy, `lowercase` for oidc. */
  userIdFormat?: UserIdFormat;
  /** `proxy` and `oidc`: when not empty, only user names of these Windows domains, Kerberos realms or mail domains sign in. */
  userDomains: string[];
  /** `proxy` and `oidc`: someone who signed in but is not in the directory gets a minimal profile (else they stay signed out). */
  autoCreatePeople: boolean;
  /** Directory ids that are moderators in every mode, besides those the directory (or the token's role) makes moderators. */
  moderators: string[];
  /** `oidc`: the token's `iss`, exactly. */
  oidcIssuer?: string;
  /** `oidc`: the token's `aud` must contain one of these. */
  oidcAudience: string[];
  /** `oidc`: where the signing keys are; unset: `jwks_uri` from `<issuer>/.well-known/openid-configuration`. */
  oidcJwksUrl?: string;
  /** `oidc`: the claim that holds the user name. */
  oidcIdClaim: string;
  /** `oidc`: the claims a new profile takes its name and e-mail from. */
  oidcNameClaim: string;
  oidcEmailClaim: string;
  /** `oidc`: claims (dotted paths like `realm_access.roles`) holding role or group names. */
  oidcRolesClaims: string[];
  /** `oidc`: a role or group in those claims that makes its holder a moderator; unset: the directory decides. */
  oidcModeratorRole?: string;
  /** `oidc`: the signature algorithms accepted. */
  oidcAlgorithms: string[];
  /** `oidc`: seconds of clock difference tolerated on `exp` and `nbf`. */
  oidcClockToleranceSeconds: number;
  seed: SeedMode;
  /** Origins (scheme://host[:port]) whose pages may call the API with cookies. */
  corsOrigins: string[];
  /** The folder holding `dist/` (the built library) and `demo/`. */
  staticRoot: string;
  /** The reaction set the server accepts. */
  reactionKinds: string[];
  /** How often an idle event stream gets a comment line, so proxies keep it open. */
  heartbeatMs: number;
  /** How often the upkeep folds thread count deltas and looks whether a table grew enough to analyse it again (server/db/statistics.ts); 0: only at start. */
  statisticsCheckMs: number;
  /** Longest comment, in UTF-16 code units (`text.length`). */
  maxCommentLength: number;
  /** Most distinct people one comment may mention. */
  maxMentions: number;
  /** Largest request body in bytes. */
  maxBodyBytes: number;
  /** API requests per signed-in user per minute; 0 turns the limit off. */
  rateLimit: number;
  /** Writes (POST, PUT, PATCH, DELETE) per signed-in user per minute; 0 turns the limit off. */
  writeRateLimit: number;
  /** Requests per minute from one address by people not signed in; 0 turns the limit off. */
  anonymousRateLimit: number;
  /** Open event streams of people not signed in, per address; 0: no limit. */
  streamsPerAddress: number;
  /** Open event streams per signed-in person; 0: no limit. */
  streamsPerPerson: number;
  /** Open event streams on this instance; 0: no limit. */
  streamsTotal: number;
  /** Bytes that may wait for one stream's client before the stream is cut (it reconnects and resumes). */
  streamBacklogBytes: number;
  /** A stream whose client takes nothing for this long while bytes wait is cut; 0: never. */
  streamIdleSeconds: number;
  /** Most events one replay (a poll, a stream's Last-Event-ID) returns; further behind, the client is told to reload; 0: no cap. */
  replayMaxEvents: number;
  eraseMode: EraseMode;
  /** How long a read may be answered for a session seen before (SessionCache); 0 looks every request up. */
  sessionCacheSeconds: number;
  /** Most memory for cached thread pages (ThreadCache), in MiB; 0 caches nothing. */
  threadCacheMb: number;
  logger: Logger;
}

export const DEFAULT_PORT = 8787;
const MIN_BACKLOG_BYTES = 64 * 1024;

export const DEFAULT_OPTIONS: Omit<PlazaOptions, 'logger'> = {
  ...DEFAULT_AUDIT_OPTIONS,
  port: DEFAULT_PORT,
  host: '0.0.0.0',
  dataDir: './data',
  databasePoolSize: 10,
  pgliteFsync: true,
  auth: 'dev',
  proxyHeader: 'X-Remote-User',
  trustedProxies: [],
  userDomains: [],
  autoCreatePeople: true,
  moderators: [],
  oidcAudience: [],
  oidcIdClaim: 'preferred_username',
  oidcNameClaim: 'name',
  oidcEmailClaim: 'email',
  oidcRolesClaims: ['roles', 'groups'],
  oidcAlgorithms: [...OIDC_ALGORITHMS],
  oidcClockToleranceSeconds: 60,
  seed: 'demo',
  corsOrigins: [],
  staticRoot: fileURLToPath(new URL('..', import.meta.url)),
  reactionKinds: [...DEFAULT_REACTION_KINDS],
  heartbeatMs: 15_000,
  statisticsCheckMs: 30_000,
  maxCommentLength: LIMITS.commentLength,
  maxMentions: LIMITS.mentionsPerComment,
  maxBodyBytes: 64 * 1024,
  rateLimit: 600,
  writeRateLimit: 60,
  anonymousRateLimit: 1200,
  streamsPerAddress: 200,
  streamsPerPerson: 20,
  streamsTotal: 2000,
  streamBacklogBytes: 512 * 1024,
  streamIdleSeconds: 60,
  replayMaxEvents: 1000,
  eraseMode: 'anonymise',
  sessionCacheSeconds: 5,
  threadCacheMb: 64,
  ...DEFAULT_DELIVERY_OPTIONS,
  ...NOTIFICATION_DEFAULTS,
  ...DEFAULT_RETENTION_OPTIONS,
  ...DEFAULT_PRIVACY_OPTIONS,
};

/** A setting that cannot work; main.ts prints the message and exits non-zero. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the environment variables documented in docs/server.md. Every value is
 * checked here, at startup, so a typo fails loudly instead of half-working.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv): Partial<PlazaOptions> {
  const options: Partial<PlazaOptions> = {
    port: parsePort(env.PORT),
    host: env.HOST?.trim() || DEFAULT_OPTIONS.host,
    dataDir: env.PLAZA_DATA_DIR?.trim() || DEFAULT_OPTIONS.dataDir,
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    databasePoolSize: count('PLAZA_DATABASE_POOL_SIZE', env.PLAZA_DATABASE_POOL_SIZE, 1),
    pgliteFsync: oneOf('PLAZA_PGLITE_FSYNC', env.PLAZA_PGLITE_FSYNC, ['on', 'off'] as const, 'on') === 'on',
    auth: oneOf('PLAZA_AUTH', env.PLAZA_AUTH, ['dev', 'none', 'proxy', 'oidc'] as const, DEFAULT_OPTIONS.auth),
    ...authOptionsFromEnv(env),
    ...auditOptionsFromEnv(env),
    seed: oneOf('PLAZA_SEED', env.PLAZA_SEED, ['demo', 'none'] as const, DEFAULT_OPTIONS.seed),
    corsOrigins: parseOrigins(env.PLAZA_CORS_ORIGINS),
    ...deliveryOptionsFromEnv(env, (message) => new ConfigError(message)),
    ...notificationOptionsFromEnv(env),
    ...privacyOptionsFromEnv(env, (message) => new ConfigError(message)),
  };
  if (env.PLAZA_REACTION_KINDS?.trim()) options.reactionKinds = list(env.PLAZA_REACTION_KINDS);
  options.maxCommentLength = count('PLAZA_MAX_COMMENT_LENGTH', env.PLAZA_MAX_COMMENT_LENGTH, 1);
  options.maxMentions = count('PLAZA_MAX_MENTIONS', env.PLAZA_MAX_MENTIONS, 0);
  options.maxBodyBytes = count('PLAZA_MAX_BODY_BYTES', env.PLAZA_MAX_BODY_BYTES, 1024);
  options.rateLimit = count('PLAZA_RATE_LIMIT', env.PLAZA_RATE_LIMIT, 0);
  options.writeRateLimit = count('PLAZA_WRITE_RATE_LIMIT', env.PLAZA_WRITE_RATE_LIMIT, 0);
  options.anonymousRateLimit = count('PLAZA_ANONYMOUS_RATE_LIMIT', env.PLAZA_ANONYMOUS_RATE_LIMIT, 0);
  options.streamsPerAddress = count('PLAZA_STREAMS_PER_ADDRESS', env.PLAZA_STREAMS_PER_ADDRESS, 0);
  options.streamsPerPerson = count('PLAZA_STREAMS_PER_PERSON', env.PLAZA_STREAMS_PER_PERSON, 0);
  options.streamsTotal = count('PLAZA_STREAMS_TOTAL', env.PLAZA_STREAMS_TOTAL, 0);
  options.streamBacklogBytes = count('PLAZA_STREAM_BACKLOG_BYTES', env.PLAZA_STREAM_BACKLOG_BYTES, MIN_BACKLOG_BYTES);
  options.streamIdleSeconds = count('PLAZA_STREAM_IDLE_SECONDS', env.PLAZA_STREAM_IDLE_SECONDS, 0);
  options.replayMaxEvents = count('PLAZA_REPLAY_MAX_EVENTS', env.PLAZA_REPLAY_MAX_EVENTS, 0);
  options.eraseMode = oneOf('PLAZA_ERASE_MODE', env.PLAZA_ERASE_MODE, ['anonymise', 'delete'] as const, DEFAULT_OPTIONS.eraseMode);
  options.sessionCacheSeconds = count('PLAZA_SESSION_CACHE_SECONDS', env.PLAZA_SESSION_CACHE_SECONDS, 0);
  options.threadCacheMb = count('PLAZA_THREAD_CACHE_MB', env.PLAZA_THREAD_CACHE_MB, 0);
  Object.assign(options, retentionFromEnv(env, count));
  return options;
}

/** Fills defaults and validates options from any source (environment or a test). */
export function resolveOptions(given: Partial<PlazaOptions>, logger: Logger): PlazaOptions {
  const options = { ...DEFAULT_OPTIONS, logger, ...stripUndefined(given) };
  options.corsOrigins = options.corsOrigins.map((origin) => normaliseOrigin(origin));
  checkAuthOptions(options);
  checkDeliveryOptions(options, (message) => new ConfigError(message));
  checkNotificationOptions(options, (message) => new ConfigError(message));
  // E-mail is set up when there is a relay to send through (the notification defaults follow it).
  options.emailConfigured ||= Boolean(options.smtpUrl);
  const badKind = options.reactionKinds.find((kind) => !REACTION_KIND_PATTERN.test(kind));
  if (badKind !== undefined || options.reactionKinds.length === 0) {
    throw new ConfigError(`Reaction kinds must be lowercase words like "like" (got "${badKind ?? ''}").`);
  }
  const needed = smallestBodyBytes(options.maxCommentLength);
  if (options.maxBodyBytes < needed) {
    throw new ConfigError(
      `PLAZA_MAX_BODY_BYTES (${options.maxBodyBytes}) is too small for comments of ${options.maxCommentLength} characters; ` +
        `allow at least ${needed}.`,
    );
  }
  // One event (a comment at full length) must fit in a stream's backlog, or every stream carrying it would be cut.
  const event = options.maxBodyBytes * 2;
  if (options.streamBacklogBytes < event) {
    throw new ConfigError(
      `PLAZA_STREAM_BACKLOG_BYTES (${options.streamBacklogBytes}) must hold at least two request bodies' worth of event (${event}).`,
    );
  }
  return options;
}

/**
 * The smallest body limit that fits the longest comment however a client
 * encodes it: a UTF-16 code unit JSON-escaped is at most 6 bytes (`\u00e4`, a
 * 4-byte character as `\ud83d\ude00` is 12 for 2), and 4 KiB covers the
 * rest of the body (the page's URL and title, the parent id).
 */
export function smallestBodyBytes(maxCommentLength: number): number {
  return maxCommentLength * 6 + 4096;
}

/**
 * The sign-in settings (docs/server.md, "Sign-in"). Every key is present, and
 * undefined when its variable is unset, so the defaults apply.
 */
function authOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<PlazaOptions> {
  const text = (value: string | undefined) => value?.trim() || undefined;
  const items = (value: string | undefined) => (text(value) ? list(value!) : undefined);
  const format = text(env.PLAZA_USER_ID_FORMAT);
  const autoCreate = text(env.PLAZA_AUTO_CREATE_PEOPLE);
  return {
    proxyHeader: text(env.PLAZA_PROXY_HEADER),
    trustedProxies: items(env.PLAZA_TRUSTED_PROXIES),
    userIdFormat: format === undefined ? undefined : oneOf('PLAZA_USER_ID_FORMAT', format, ['name', 'lowercase', 'exact'] as const, 'name'),
    userDomains: items(env.PLAZA_USER_DOMAINS),
    autoCreatePeople: autoCreate === undefined ? undefined : oneOf('PLAZA_AUTO_CREATE_PEOPLE', autoCreate, ['on', 'off'] as const, 'on') === 'on',
    moderators: items(env.PLAZA_MODERATORS),
    oidcIssuer: text(env.PLAZA_OIDC_ISSUER),
    oidcAudience: items(env.PLAZA_OIDC_AUDIENCE),
    oidcJwksUrl: text(env.PLAZA_OIDC_JWKS_URL),
    oidcIdClaim: text(env.PLAZA_OIDC_ID_CLAIM),
    oidcNameClaim: text(env.PLAZA_OIDC_NAME_CLAIM),
    oidcEmailClaim: text(env.PLAZA_OIDC_EMAIL_CLAIM),
    oidcRolesClaims: items(env.PLAZA_OIDC_ROLES_CLAIM),
    oidcModeratorRole: text(env.PLAZA_OIDC_MODERATOR_ROLE),
    oidcAlgorithms: items(env.PLAZA_OIDC_ALGORITHMS),
    oidcClockToleranceSeconds: count('PLAZA_OIDC_CLOCK_TOLERANCE', env.PLAZA_OIDC_CLOCK_TOLERANCE, 0),
  };
}

/**
 * The settings the chosen sign-in mode needs, checked at startup: a proxy
 * mode without trusted addresses would believe anybody's header, an OIDC mode
 * without issuer or audience would accept another application's tokens.
 */
function checkAuthOptions(options: PlazaOptions): void {
  if (!HEADER_NAME.test(options.proxyHeader)) {
    throw new ConfigError(`PLAZA_PROXY_HEADER must be a header name like X-Remote-User; got "${options.proxyHeader}".`);
  }
  if (options.userIdFormat !== undefined && !['name', 'lowercase', 'exact'].includes(options.userIdFormat)) {
    throw new ConfigError(`PLAZA_USER_ID_FORMAT must be one of name, lowercase, exact; got "${String(options.userIdFormat)}".`);
  }
  for (const entry of options.trustedProxies) checkTrustedProxy(entry);
  if (options.auth === 'proxy' && options.trustedProxies.length === 0) {
    throw new ConfigError(
      'PLAZA_AUTH=proxy needs PLAZA_TRUSTED_PROXIES: the addresses of the reverse proxies that set ' +
        `${options.proxyHeader} (e.g. 10.0.0.5,10.0.0.6 or 10.0.0.0/28). From anywhere else the header is ignored.`,
    );
  }
  if (options.auth !== 'oidc') return;
  if (!options.oidcIssuer) {
    throw new ConfigError('PLAZA_AUTH=oidc needs PLAZA_OIDC_ISSUER, the issuer of the identity provider (e.g. https://sso.intranet.example/realms/intranet).');
  }
  if (options.oidcAudience.length === 0) {
    throw new ConfigError('PLAZA_AUTH=oidc needs PLAZA_OIDC_AUDIENCE, the audience (client id) the tokens for Plaza are issued to.');
  }
  if (options.oidcJwksUrl !== undefined) checkKeyUrl('PLAZA_OIDC_JWKS_URL', options.oidcJwksUrl);
  else checkKeyUrl('PLAZA_OIDC_ISSUER (keys are discovered from it unless PLAZA_OIDC_JWKS_URL is set)', options.oidcIssuer);
  const badAlgorithm = options.oidcAlgorithms.find((alg) => !(OIDC_ALGORITHMS as readonly string[]).includes(alg));
  if (badAlgorithm !== undefined || options.oidcAlgorithms.length === 0) {
    throw new ConfigError(`PLAZA_OIDC_ALGORITHMS may list only ${OIDC_ALGORITHMS.join(', ')}; got "${badAlgorithm ?? ''}".`);
  }
  if (!Number.isFinite(options.oidcClockToleranceSeconds) || options.oidcClockToleranceSeconds < 0) {
    throw new ConfigError('PLAZA_OIDC_CLOCK_TOLERANCE must be a whole number of seconds ≥ 0.');
  }
  if (options.oidcRolesClaims.length === 0) throw new ConfigError('PLAZA_OIDC_ROLES_CLAIM must name at least one claim.');
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

/** `10.0.0.5`, `10.0.0.0/24`, `fd00::/8`, `::ffff:10.0.0.5`; host names are refused (a proxy is known by its address). */
function checkTrustedProxy(entry: string): void {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  const bits = family === 4 ? 32 : 128;
  const valid = family !== 0 && rest.length === 0 && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits));
  if (!valid) {
    throw new ConfigError(`PLAZA_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range like 10.0.0.5, 10.0.0.0/24 or fd00::/8.`);
  }
}

/**
 * Signing keys decide whom Plaza believes, so they come over HTTPS; plain
 * HTTP is allowed for a provider on this machine only (tests, a local proxy).
 */
function checkKeyUrl(name: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name}: "${value}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new ConfigError(`${name}: "${value}" must be an https:// URL (http:// only for localhost).`);
  }
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function parsePort(value: string | undefined): number {
  if (!value?.trim()) return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError(`PORT must be 0…65535, got "${value}".`);
  return port;
}

/** A whole number ≥ `min`, or undefined (the default) when the variable is unset. */
function count(name: string, value: string | undefined, min: number): number | undefined {
  if (!value?.trim()) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new ConfigError(`${name} must be a whole number ≥ ${min}; got "${value}".`);
  return n;
}

/** `postgres://user:password@host:5432/plaza` (or `postgresql://`); unset or empty means PGlite. */
function parseDatabaseUrl(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (!/^postgres(ql)?:\/\//.test(v)) throw new ConfigError('DATABASE_URL must start with postgres:// (e.g. postgres://plaza:secret@db.intranet:5432/plaza).');
  return v;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  const v = value?.trim();
  if (!v) return fallback;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new ConfigError(`${name} must be one of ${allowed.join(', ')}; got "${v}".`);
}

function parseOrigins(value: string | undefined): string[] {
  return list(value ?? '').map((origin) => normaliseOrigin(origin));
}

/** `https://intranet.example/` → `https://intranet.example`; refuses `*` because cookies travel. */
function normaliseOrigin(origin: string): string {
  if (origin === '*') throw new ConfigError('PLAZA_CORS_ORIGINS cannot be "*": the API uses cookies, so list each intranet origin.');
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new ConfigError(`PLAZA_CORS_ORIGINS: "${origin}" is not an origin like https://intranet.example.`);
  }
  if (!/^https?:$/.test(url.protocol) || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new ConfigError(`PLAZA_CORS_ORIGINS: "${origin}" must be scheme://host[:port] without a path.`);
  }
  return url.origin;
}

function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
