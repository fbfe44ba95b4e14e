import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { DELIVERY_CONFIG_KEYS } from './config/delivery.ts';
import { NOTIFICATION_CONFIG_KEYS } from './config/notifications.ts';
import { ConfigError, optionsFromEnv, resolveOptions, type PlazaOptions } from './config.ts';
import { AUDIT_CONFIG_KEYS } from './config/audit.ts';
import { closestName } from './did-you-mean.ts';
import { silentLogger } from './log.ts';
import { RETENTION_CONFIG_KEYS } from './config/retention.ts';

/**
 * `plaza.config.json`: the settings of docs/server.md's environment variables
 * as one JSON file, for operators who keep configuration in a file under
 * version control or a config-management tool.
 *
 * Rather than a second parser with its own rules, the file is turned into the
 * environment variables it stands for and read by `optionsFromEnv`, merged
 * under the real environment. So every check, default and cross-field rule is
 * the same for both sources, and "environment over file over defaults" is a
 * plain object spread.
 */

/** Used when `PLAZA_CONFIG` is unset, and only if it exists. */
export const DEFAULT_CONFIG_FILE = 'plaza.config.json';

/** `list`: an array of strings (the variable is comma-separated); `list+`: one that may not be empty. */
type Kind = 'string' | 'number' | 'boolean' | 'list' | 'list+';

/**
 * Each key of the file: the environment variable it stands for and its JSON
 * type. The keys are the `PlazaOptions` names (what `startPlaza` takes). A new
 * environment variable needs a row here; config-file.test.ts fails until it
 * has one.
 */
export const CONFIG_KEYS: Readonly<Record<string, { env: string; kind: Kind }>> = {
  port: { env: 'PORT', kind: 'number' },
  host: { env: 'HOST', kind: 'string' },
  dataDir: { env: 'PLAZA_DATA_DIR', kind: 'string' },
  pgliteFsync: { env: 'PLAZA_PGLITE_FSYNC', kind: 'boolean' },
  databaseUrl: { env: 'DATABASE_URL', kind: 'string' },
  databasePoolSize: { env: 'PLAZA_DATABASE_POOL_SIZE', kind: 'number' },
  auth: { env: 'PLAZA_AUTH', kind: 'string' },
  proxyHeader: { env: 'PLAZA_PROXY_HEADER', kind: 'string' },
  trustedProxies: { env: 'PLAZA_TRUSTED_PROXIES', kind: 'list' },
  userIdFormat: { env: 'PLAZA_USER_ID_FORMAT', kind: 'string' },
  userDomains: { env: 'PLAZA_USER_DOMAINS', kind: 'list' },
  autoCreatePeople: { env: 'PLAZA_AUTO_CREATE_PEOPLE', kind: 'boolean' },
  moderators: { env: 'PLAZA_MODERATORS', kind: 'list' },
  oidcIssuer: { env: 'PLAZA_OIDC_ISSUER', kind: 'string' },
  oidcAudience: { env: 'PLAZA_OIDC_AUDIENCE', kind: 'list' },
  oidcJwksUrl: { env: 'PLAZA_OIDC_JWKS_URL', kind: 'string' },
  oidcIdClaim: { env: 'PLAZA_OIDC_ID_CLAIM', kind: 'string' },
  oidcNameClaim: { env: 'PLAZA_OIDC_NAME_CLAIM', kind: 'string' },
  oidcEmailClaim: { env: 'PLAZA_OIDC_EMAIL_CLAIM', kind: 'string' },
  oidcRolesClaims: { env: 'PLAZA_OIDC_ROLES_CLAIM', kind: 'list+' },
  oidcModeratorRole: { env: 'PLAZA_OIDC_MODERATOR_ROLE', kind: 'string' },
  oidcAlgorithms: { env: 'PLAZA_OIDC_ALGORITHMS', kind: 'list+' },
  oidcClockToleranceSeconds: { env: 'PLAZA_OIDC_CLOCK_TOLERANCE', kind: 'number' },
  seed: { env: 'PLAZA_SEED', kind: 'string' },
  corsOrigins: { env: 'PLAZA_CORS_ORIGINS', kind: 'list' },
  reactionKinds: { env: 'PLAZA_REACTION_KINDS', kind: 'list+' },
  maxCommentLength: { env: 'PLAZA_MAX_COMMENT_LENGTH', kind: 'number' },
  maxMentions: { env: 'PLAZA_MAX_MENTIONS', kind: 'number' },
  maxBodyBytes: { env: 'PLAZA_MAX_BODY_BYTES', kind: 'number' },
  rateLimit: { env: 'PLAZA_RATE_LIMIT', kind: 'number' },
  writeRateLimit: { env: 'PLAZA_WRITE_RATE_LIMIT', kind: 'number' },
  anonymousRateLimit: { env: 'PLAZA_ANONYMOUS_RATE_LIMIT', kind: 'number' },
  streamsPerAddress: { env: 'PLAZA_STREAMS_PER_ADDRESS', kind: 'number' },
  streamsPerPerson: { env: 'PLAZA_STREAMS_PER_PERSON', kind: 'number' },
  streamsTotal: { env: 'PLAZA_STREAMS_TOTAL', kind: 'number' },
  streamBacklogBytes: { env: 'PLAZA_STREAM_BACKLOG_BYTES', kind: 'number' },
  streamIdleSeconds: { env: 'PLAZA_STREAM_IDLE_SECONDS', kind: 'number' },
  replayMaxEvents: { env: 'PLAZA_REPLAY_MAX_EVENTS', kind: 'number' },
  eraseMode: { env: 'PLAZA_ERASE_MODE', kind: 'string' },
  sessionCacheSeconds: { env: 'PLAZA_SESSION_CACHE_SECONDS', kind: 'number' },
  threadCacheMb: { env: 'PLAZA_THREAD_CACHE_MB', kind: 'number' },
  ...AUDIT_CONFIG_KEYS,
  ...DELIVERY_CONFIG_KEYS,
  ...NOTIFICATION_CONFIG_KEYS,
  ...RETENTION_CONFIG_KEYS,
  readAccess: { env: 'PLAZA_READ_ACCESS', kind: 'string' },
  profileFields: { env: 'PLAZA_PROFILE_FIELDS', kind: 'list' },
  whoReacted: { env: 'PLAZA_WHO_REACTED', kind: 'string' },
  personalFeed: { env: 'PLAZA_PERSONAL_FEED', kind: 'string' },
  followersVisible: { env: 'PLAZA_FOLLOWERS_VISIBLE', kind: 'string' },
};

/**
 * The options from the environment and, beneath it, the config file
 * (`PLAZA_CONFIG`, else `./plaza.config.json` when it exists). What main.ts
 * and the `plaza` CLI call instead of `optionsFromEnv`. Throws a ConfigError
 * naming the file and the key for anything wrong in the file.
 */
export function loadOptions(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Partial<PlazaOptions> {
  const file = readConfigFile(env, cwd);
  if (!file) return optionsFromEnv(env);
  // A blank variable means "unset" to optionsFromEnv, so it must not hide the file's value either.
  const setVars = Object.fromEntries(Object.entries(env).filter(([, value]) => value?.trim()));
  const merged = { ...file.vars, ...setVars };
  const fromFile = Object.entries(file.keyOf).filter(([name]) => !(name in setVars));
  try {
    const options = optionsFromEnv(merged);
    // The checks that combine settings (body size against comment length, origins) run here too, so a
    // bad value from the file is named by its key before anything starts.
    resolveOptions(options, silentLogger);
    return options;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Messages name environment variables; say which key of the file a value came from.
    let message = error.message;
    for (const [name, key] of fromFile) message = message.replace(new RegExp(`\\b${name}\\b`, 'g'), `"${key}"`);
    throw new ConfigError(message === error.message ? message : `${file.path}: ${message}`);
  }
}

interface ConfigFile {
  path: string;
  /** The file's settings as the environment variables they stand for. */
  vars: Record<string, string>;
  /** Environment variable → the file key it came from. */
  keyOf: Record<string, string>;
}

/** Reads and type-checks the file; undefined when there is none to read. */
export function readConfigFile(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): ConfigFile | undefined {
  const given = env.PLAZA_CONFIG?.trim();
  const path = resolve(cwd, given || DEFAULT_CONFIG_FILE);
  // An explicitly named file must exist; the default one is optional.
  if (!given && !existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`PLAZA_CONFIG: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ConfigError(`${path} must hold one JSON object, like {"port": 8787}.`);
  }
  const vars: Record<string, string> = {};
  const keyOf: Record<string, string> = {};
  for (const [key, value] of Object.entries(json)) {
    const setting = Object.hasOwn(CONFIG_KEYS, key) ? CONFIG_KEYS[key] : undefined;
    if (!setting) throw new ConfigError(`${path}: unknown key "${key}"${suggestion(key)}. Known keys: ${Object.keys(CONFIG_KEYS).join(', ')}.`);
    // null reads as "not set here", as a JSON tool that writes every key would mean it.
    if (value === null) continue;
    let text = asVariable(path, key, setting.kind, value);
    // A relative folder in a file means relative to the file, as in tsconfig.json or compose files.
    if (key === 'dataDir' && !text.includes('://') && !isAbsolute(text)) text = resolve(dirname(path), text);
    vars[setting.env] = text;
    keyOf[setting.env] = key;
  }
  return { path, vars, keyOf };
}

/** The value as its environment variable would spell it, after checking its JSON type. */
function asVariable(path: string, key: string, kind: Kind, value: unknown): string {
  const wrong = (expected: string) =>
    new ConfigError(`${path}: "${key}" must be ${expected}, got ${JSON.stringify(value)}.`);
  switch (kind) {
    case 'string':
      if (typeof value !== 'string' || !value.trim()) throw wrong('a non-empty string');
      return value;
    case 'number':
      if (typeof value !== 'number') throw wrong('a number');
      return String(value);
    case 'boolean':
      if (typeof value !== 'boolean') throw wrong('true or false');
      return value ? 'on' : 'off';
    case 'list':
    case 'list+':
      // The variable is comma-separated, so an item with a comma would silently become two.
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.trim() && !item.includes(','))) {
        throw wrong('an array of strings (without commas)');
      }
      if (kind === 'list+' && value.length === 0) throw wrong('a non-empty array of strings');
      // An empty array must stay an empty setting, not fall back to the default.
      return value.length === 0 ? ',' : value.join(',');
  }
}

/** ` (did you mean "port"?)` for a mistyped key (`prot`, `PORT`, `max_body_bytes`). */
function suggestion(key: string): string {
  const match = closestName(key, Object.keys(CONFIG_KEYS));
  return match ? ` (did you mean "${match}"?)` : '';
}

/** Variables of the project's own tooling (tests, scripts), not settings of the server. */
const TOOLING_VARIABLES = /^PLAZA_(?:CONFIG|SERVER_ENTRY|PG_DIR|TEST_\w*)$/;

/**
 * One warning for each `PLAZA_*` variable in the environment that is no
 * setting, with the setting it probably meant: `PLAZA_CORS_ORIGIN` would
 * otherwise be ignored without a word, and the server would refuse every
 * other site while the operator believes it configured. A warning, not an
 * error: other software may use the prefix for its own variables.
 */
export function unknownVariableWarnings(env: NodeJS.ProcessEnv): string[] {
  const known = Object.values(CONFIG_KEYS).map((setting) => setting.env);
  return Object.keys(env)
    .filter((name) => name.startsWith('PLAZA_') && !known.includes(name) && !TOOLING_VARIABLES.test(name))
    .sort()
    .map((name) => {
      const match = closestName(name.slice('PLAZA_'.length), known.filter((k) => k.startsWith('PLAZA_')).map((k) => k.slice('PLAZA_'.length)));
      return `${name} is not a Plaza setting and is ignored${match ? ` (did you mean PLAZA_${match}?)` : ''}. The settings are listed in docs/server.md.`;
    });
}
