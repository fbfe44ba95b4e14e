import { fileURLToPath } from 'node:url';
import { DEFAULT_REACTION_KINDS, REACTION_KIND_PATTERN } from '../src/core/protocol.ts';
import type { Logger } from './log.ts';

/** How people sign in. `dev` lets anyone pick any colleague: for demos only. */
export type AuthMode = 'dev' | 'none';
/** `demo` fills an empty database with Stadtwerke Musterstadt; never touches one that has people. */
export type SeedMode = 'demo' | 'none';

export interface PlazaOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** A folder for the embedded database, or `memory://` for a throwaway one. */
  dataDir: string;
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
  logger: Logger;
}

export const DEFAULT_PORT = 8787;

export const DEFAULT_OPTIONS: Omit<PlazaOptions, 'logger'> = {
  port: DEFAULT_PORT,
  host: '0.0.0.0',
  dataDir: './data',
  auth: 'dev',
  seed: 'demo',
  corsOrigins: [],
  staticRoot: fileURLToPath(new URL('..', import.meta.url)),
  reactionKinds: [...DEFAULT_REACTION_KINDS],
  heartbeatMs: 15_000,
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
    auth: oneOf('PLAZA_AUTH', env.PLAZA_AUTH, ['dev', 'none'] as const, DEFAULT_OPTIONS.auth),
    seed: oneOf('PLAZA_SEED', env.PLAZA_SEED, ['demo', 'none'] as const, DEFAULT_OPTIONS.seed),
    corsOrigins: parseOrigins(env.PLAZA_CORS_ORIGINS),
  };
  if (env.PLAZA_REACTION_KINDS?.trim()) options.reactionKinds = list(env.PLAZA_REACTION_KINDS);
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
  return options;
}

function parsePort(value: string | undefined): number {
  if (!value?.trim()) return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError(`PORT must be 0…65535, got "${value}".`);
  return port;
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
