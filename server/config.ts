import { fileURLToPath } from 'node:url';
import { DEFAULT_REACTION_KINDS, LIMITS, REACTION_KIND_PATTERN } from '../src/core/protocol.ts';
import type { Logger } from './log.ts';

/** How people sign in. `dev` lets anyone pick any colleague: for demos only. */
export type AuthMode = 'dev' | 'none';
/** `demo` fills an empty database with Stadtwerke Musterstadt; never touches one that has people. */
export type SeedMode = 'demo' | 'none';
/** What `DELETE /me` does to a person's comments: keep them without an author, or empty them too. */
export type EraseMode = 'anonymise' | 'delete';

export interface PlazaOptions {
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
  seed: SeedMode;
  /** Origins (scheme://host[:port]) whose pages may call the API with cookies. */
  corsOrigins: string[];
  /** The folder holding `dist/` (the built library) and `demo/`. */
  staticRoot: string;
  /** The reaction set the server accepts. */
  reactionKinds: string[];
  /** How often an idle event stream gets a comment line, so proxies keep it open. */
  heartbeatMs: number;
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
  eraseMode: EraseMode;
  logger: Logger;
}

export const DEFAULT_PORT = 8787;

export const DEFAULT_OPTIONS: Omit<PlazaOptions, 'logger'> = {
  port: DEFAULT_PORT,
  host: '0.0.0.0',
  dataDir: './data',
  databasePoolSize: 10,
  pgliteFsync: true,
  auth: 'dev',
  seed: 'demo',
  corsOrigins: [],
  staticRoot: fileURLToPath(new URL('..', import.meta.url)),
  reactionKinds: [...DEFAULT_REACTION_KINDS],
  heartbeatMs: 15_000,
  maxCommentLength: LIMITS.commentLength,
  maxMentions: LIMITS.mentionsPerComment,
  maxBodyBytes: 64 * 1024,
  rateLimit: 600,
  writeRateLimit: 60,
  eraseMode: 'anonymise',
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
    auth: oneOf('PLAZA_AUTH', env.PLAZA_AUTH, ['dev', 'none'] as const, DEFAULT_OPTIONS.auth),
    seed: oneOf('PLAZA_SEED', env.PLAZA_SEED, ['demo', 'none'] as const, DEFAULT_OPTIONS.seed),
    corsOrigins: parseOrigins(env.PLAZA_CORS_ORIGINS),
  };
  if (env.PLAZA_REACTION_KINDS?.trim()) options.reactionKinds = list(env.PLAZA_REACTION_KINDS);
  options.maxCommentLength = count('PLAZA_MAX_COMMENT_LENGTH', env.PLAZA_MAX_COMMENT_LENGTH, 1);
  options.maxMentions = count('PLAZA_MAX_MENTIONS', env.PLAZA_MAX_MENTIONS, 0);
  options.maxBodyBytes = count('PLAZA_MAX_BODY_BYTES', env.PLAZA_MAX_BODY_BYTES, 1024);
  options.rateLimit = count('PLAZA_RATE_LIMIT', env.PLAZA_RATE_LIMIT, 0);
  options.writeRateLimit = count('PLAZA_WRITE_RATE_LIMIT', env.PLAZA_WRITE_RATE_LIMIT, 0);
  options.eraseMode = oneOf('PLAZA_ERASE_MODE', env.PLAZA_ERASE_MODE, ['anonymise', 'delete'] as const, DEFAULT_OPTIONS.eraseMode);
  return options;
}

/** Fills defaults and validates options from any source (environment or a test). */
export function resolveOptions(given: Partial<PlazaOptions>, logger: Logger): PlazaOptions {
  const options = { ...DEFAULT_OPTIONS, logger, ...stripUndefined(given) };
  options.corsOrigins = options.corsOrigins.map((origin) => normaliseOrigin(origin));
  const badKind = options.reactionKinds.find((kind) => !REACTION_KIND_PATTERN.test(kind));
  if (badKind !== undefined || options.reactionKinds.length === 0) {
    throw new ConfigError(`Reaction kinds must be lowercase words like "like" (got "${badKind ?? ''}").`);
  }
  // A UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair is 4 for 2); 1 KiB covers the JSON around it.
  const needed = options.maxCommentLength * 3 + 1024;
  if (options.maxBodyBytes < needed) {
    throw new ConfigError(
      `PLAZA_MAX_BODY_BYTES (${options.maxBodyBytes}) is too small for comments of ${options.maxCommentLength} characters; ` +
        `allow at least ${needed}.`,
    );
  }
  return options;
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
