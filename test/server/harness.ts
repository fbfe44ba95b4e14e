import assert from 'node:assert/strict';
import { after, before } from 'node:test';

/**
 * What the server tests share: a real Plaza (PGlite in memory unless a folder
 * is given, demo seed, dev sign-in) on a free port, and small HTTP helpers.
 * Nothing is mocked; tests speak HTTP like a browser or the library would.
 */
import { PROFILE_FIELDS } from '../../server/config/privacy.ts';
import type { PlazaOptions } from '../../server/config.ts';
import type { Queryable } from '../../server/db.ts';
import type { DeliveryPorts } from '../../server/delivery/start-delivery.ts';
import type { Logger } from '../../server/log.ts';
import { startPlaza } from '../../server/start.ts';
import type { DailyDigest } from '../../server/notifications/digest.ts';
import type { RetentionPurge } from '../../server/retention/purge.ts';
import type { Problem, ReactionSummary } from '../../src/core/protocol.ts';

export interface TestServer {
  /** e.g. `http://localhost:41234/` */
  url: string;
  /** e.g. `http://localhost:41234/api/v1` */
  api: string;
  /** Errors the server logged (a 500 shows up here with its stack). */
  errors: string[];
  /** The server's own database: to check what a request wrote, or did not. */
  db: Queryable;
  /** The server's retention purge (server/retention/purge.ts). */
  retention: RetentionPurge;
  /** The daily digest (server/notifications/digest.ts), where e-mail is set up. */
  digest: DailyDigest | undefined;
  close(): Promise<void>;
}

/**
 * Every field and every behaviour shown to everyone, as before issue 19: the
 * tests of feeds, events and profiles check their mechanics with all of it
 * visible; the privacy tests start servers with the real defaults
 * (`DEFAULT_PRIVACY_OPTIONS`, config/privacy.ts) or the setting they test.
 */
export const OPEN_PRIVACY = {
  readAccess: 'public',
  profileFields: [...PROFILE_FIELDS],
  whoReacted: 'names',
  personalFeed: 'all',
  followersVisible: 'all',
} as const satisfies Partial<PlazaOptions>;

/** `ports`: what startPlaza takes from outside (a stand-in for the notification preferences). */
export async function startTestServer(options: Partial<PlazaOptions> = {}, ports: DeliveryPorts = {}): Promise<TestServer> {
  const errors: string[] = [];
  const logger: Logger = {
    info() {},
    warn() {},
    error(message, error) {
      errors.push(`${message} ${error instanceof Error ? error.stack : String(error ?? '')}`);
    },
  };
  // PLAZA_TEST_ON=postgres runs the behavioural tests on PostgreSQL (a fresh database per server) instead of in-memory PGlite.
  const onPostgres = process.env.PLAZA_TEST_ON === 'postgres' && options.databaseUrl === undefined && options.dataDir === undefined;
  const databaseUrl = onPostgres ? await (await import('./postgres-server.ts')).freshDatabase() : options.databaseUrl;
  // Rate limits are off unless a test turns them on (limits.test.ts): tests write far faster than people.
  // Privacy settings are open (OPEN_PRIVACY) unless a test asks for others (the *-privacy and read-access tests).
  const running = await startPlaza({
    ...OPEN_PRIVACY,
    port: 0,
    host: '127.0.0.1',
    dataDir: 'memory://',
    seed: 'demo',
    auth: 'dev',
    rateLimit: 0,
    writeRateLimit: 0,
    anonymousRateLimit: 0,
    logger,
    ...options,
    databaseUrl,
  }, ports);
  return { url: running.url, api: `${running.url}api/v1`, errors, db: running.db, retention: running.retention, digest: running.digest, close: running.close };
}

export interface CallOptions {
  method?: string;
  /** The `Cookie` header, e.g. from {@link signIn}. */
  cookie?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
}

/** A request to `server.api + path`. */
export function call(server: Pick<TestServer, 'api'>, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  return fetch(server.api + path, {
    method: options.method ?? 'GET',
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
}

/** Asserts a 2xx JSON answer and returns its body. */
export async function ok<T>(response: Response | Promise<Response>): Promise<T> {
  const res = await response;
  const text = await res.text();
  if (!res.ok) throw new Error(`expected 2xx, got ${res.status} ${res.url}: ${text}`);
  if (!res.headers.get('content-type')?.startsWith('application/json')) throw new Error(`not JSON: ${res.headers.get('content-type')}`);
  return JSON.parse(text) as T;
}

/** Asserts a problem+json answer with this status and returns the problem. */
export async function problem(response: Response | Promise<Response>, status: number): Promise<Problem> {
  const res = await response;
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${res.url}: ${text}`);
  const type = res.headers.get('content-type');
  if (type !== 'application/problem+json') throw new Error(`expected application/problem+json, got ${type}: ${text}`);
  return JSON.parse(text) as Problem;
}

/** Signs in through the dev sign-in and returns the `Cookie` header value. */
export async function signIn(server: Pick<TestServer, 'api'>, userId: string): Promise<string> {
  const res = await call(server, '/dev/session', { method: 'POST', json: { userId } });
  if (!res.ok) throw new Error(`sign-in as ${userId} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('plaza_session='));
  if (!cookie) throw new Error('no plaza_session cookie');
  return cookie.split(';')[0]!;
}

/** The target as one percent-encoded path segment, as the library sends it. */
export function reactionPath(target: string, kind: string): string {
  return `/reactions/${encodeURIComponent(target)}/${encodeURIComponent(kind)}`;
}

export async function summaries(server: TestServer, targets: string[], cookie?: string): Promise<ReactionSummary[]> {
  const query = targets.map((t) => `targets=${encodeURIComponent(t)}`).join('&');
  return (await ok<{ items: ReactionSummary[] }>(call(server, `/reactions?${query}`, { cookie }))).items;
}

/** The tables a request could write to. */
const TABLES = [
  'people', 'sessions', 'reactions', 'threads', 'comments', 'reports', 'follows', 'idempotency_keys', 'events', 'activities', 'moderation_audit',
  'notifications', 'thread_watches', 'notification_settings', 'deliveries',
] as const;

/** Row counts of every table, to prove that a refused request wrote nothing. */
export async function rowCounts(server: TestServer): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = row!.n;
  }
  return counts;
}

/** A thread key as one percent-encoded path segment. */
export function threadPath(key: string, rest = '/comments'): string {
  return `/threads/${encodeURIComponent(key)}${rest}`;
}

/**
 * One server for the enclosing `describe`: started in `before`, closed in
 * `after`, which also asserts that it logged no error. The returned object
 * stands for the server once `before` has run.
 */
export function useTestServer(options: Partial<PlazaOptions> = {}): TestServer {
  let server: TestServer | undefined;
  before(async () => {
    server = await startTestServer(options);
  });
  after(async () => {
    await server?.close();
    assert.deepEqual(server?.errors, []);
  });
  const running = (): TestServer => {
    if (!server) throw new Error('the test server is not running (used outside a test?)');
    return server;
  };
  return {
    get url() { return running().url; },
    get api() { return running().api; },
    get errors() { return running().errors; },
    get db() { return running().db; },
    get retention() { return running().retention; },
    get digest() { return running().digest; },
    close: () => running().close(),
  };
}
