import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from './app.ts';
import { answerClientErrors } from './client-error.ts';
import { resolveOptions, type PlazaOptions } from './config.ts';
import { openDatabase, type Database, type Queryable } from './db.ts';
import { redact } from './db/postgres.ts';
import { StatisticsKeeper } from './db/statistics.ts';
import { EventBus } from './events/bus.ts';
import { createDelivery, type DeliveryPorts } from './delivery/start-delivery.ts';
import type { DeliveryWorker } from './delivery/worker.ts';
import { consoleLogger } from './log.ts';
import { migrate } from './migrate.ts';
import { FanOut } from './projections/fan-out.ts';
import { deliveryProjectors, projectorsFor } from './projections/index.ts';
import { moderatorIds } from './auth/sign-in.ts';
import { DailyDigest } from './notifications/digest.ts';
import { RetentionPurge } from './retention/purge.ts';
import { retentionOf } from './config/retention.ts';
import { seedDemo } from './seed/demo.ts';
import { createServices } from './services.ts';
import { deleteExpiredKeys } from './store/idempotency.ts';
import { deleteExpiredSessions } from './store/sessions.ts';
import { foldThreadCounts } from './store/threads.ts';

export interface RunningPlaza {
  /** Where to reach it, e.g. `http://localhost:8787/` (wildcard and loopback hosts print as localhost). */
  url: string;
  /** Stops accepting, ends event streams, waits for requests in flight, closes the database. Safe to call twice. */
  close(): Promise<void>;
  /** The database it uses: for tests that check what a refused request did not write, and for tools. */
  db: Queryable;
  /** The scheduled retention purge (started at start): tests run it with a fake clock. */
  retention: RetentionPurge;
  /** The daily digest where e-mail is set up (started at start): tests run it with a fake clock. */
  digest: DailyDigest | undefined;
}

/**
 * Connections the kernel may hold for us while the event loop is busy (PGlite
 * runs its queries on it). Node's default of 511 overflows when a thousand
 * browsers reconnect their event streams at once after a restart; the kernel
 * caps this at net.core.somaxconn.
 */
const LISTEN_BACKLOG = 4096;

/** How long close() lets requests in flight finish before cutting connections. */
const DRAIN_MS = 5000;

/**
 * Starts a complete Plaza server in this process: database (PGlite, or
 * PostgreSQL with `databaseUrl`), migrations, optional demo seed, HTTP. Used by main.ts and by the server tests, which
 * start it on port 0 with `dataDir: 'memory://'`.
 */
export async function startPlaza(given: Partial<PlazaOptions> = {}, ports: DeliveryPorts = {}): Promise<RunningPlaza> {
  const options = resolveOptions(given, given.logger ?? consoleLogger);
  const { dataDir, databaseUrl, databasePoolSize: poolSize, pgliteFsync, logger } = options;
  // In memory (tests, `npm start` without a folder), from a migrated copy: about 2 s of CPU less per start (decision 227).
  const db = await openDatabase({ dataDir, databaseUrl, poolSize, pgliteFsync, logger, startMigrated: true });
  logger.info(databaseUrl ? `Database: PostgreSQL at ${redact(databaseUrl)}` : `Database: PGlite in ${dataDir}`);
  // A mail at once needs the signing key, which is read after the migrations: filled in below, before any request.
  const mail = options.smtpUrl && options.mailFrom && options.publicUrl ? { publicUrl: options.publicUrl, locale: 'de' as const, secret: undefined as string | undefined } : undefined;
  const teams = options.teamsWebhookUrl ? { url: options.teamsWebhookUrl, publicUrl: options.publicUrl, locale: 'de' as const } : undefined;
  const notified = { emailConfigured: options.emailConfigured, moderators: [...moderatorIds(options)], mail, teams };
  const projectors = [...projectorsFor(notified), ...deliveryProjectors(options)];
  const bus = new EventBus(db, options.logger, options.heartbeatMs, projectors, options.retentionEventsDays);
  const retention = new RetentionPurge(db, bus, logger, retentionOf(options), options.reactionKinds);
  const digest = mail ? new DailyDigest(db, logger, mail, { hour: options.digestHour, timeZone: options.timeZone }) : undefined;
  let worker: DeliveryWorker | undefined;
  const fanOut = new FanOut(bus, notified, logger);
  const statistics = new StatisticsKeeper(db, logger, options.statisticsCheckMs, [foldThreadCounts]);
  try {
    await migrate(db);
    await db.keepMigratedCopy?.();
    await bus.start();
    // The seed's pages (the feed links there) are on this server; a free port (0) is known only once
    // listening, and nobody can know it before, so that seed waits until then.
    const seed = async (port: number) => {
      if (options.seed === 'demo' && (await seedDemo(db, new Date(), `http://localhost:${port}/`))) options.logger.info('Seeded the demo data (Stadtwerke Musterstadt).');
    };
    if (options.port !== 0) await seed(options.port);
    await deleteExpiredSessions(db);
    await deleteExpiredKeys(db);
    await bus.prune();
    // After the migrations, the seed and whatever was imported while the server was down.
    await statistics.now();
    statistics.start();
    const delivery = await createDelivery(db, options, ports);
    if (mail) mail.secret = delivery.services.secret;
    worker = delivery.worker;
    await delivery.worker.start(bus);
    // After the signing key is in `mail`: the mails it queues carry unsubscribe links.
    fanOut.start();
    const server = createAdaptorServer({ fetch: createApp(createServices({ db, bus, options, delivery: delivery.services })).fetch }) as Server;
    answerClientErrors(server);
    const port = await listen(server, options.port, options.host);
    if (options.port === 0) {
      await seed(port)
        .then(() => statistics.now())
        .catch((error: unknown) => {
          server.close();
          throw error;
        });
    }
    retention.start();
    digest?.start();
    const close = once(() =>
      Promise.all([retention.close(), digest?.close()]).then(() => shutdown(server, bus, fanOut, statistics, delivery.worker, db)),
    );
    return { url: `http://${printableHost(options.host)}:${port}/`, close, db, retention, digest };
  } catch (error) {
    // A half-started server must not keep the data folder locked.
    await fanOut.close();
    await worker?.close();
    await statistics.close();
    await bus.close();
    await db.close();
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function shutdown(server: Server, bus: EventBus, fanOut: FanOut, statistics: StatisticsKeeper, worker: DeliveryWorker, db: Database): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // No new step; the one under way commits before the database closes, and the next start goes on from the cursor.
  await fanOut.close();
  // Event streams never end by themselves; end them so close() can finish.
  await bus.close();
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
  await closed;
  clearTimeout(timer);
  // Sends in progress finish and are recorded, so no row waits for its lease after a clean stop.
  await worker.close();
  await statistics.close();
  await db.close();
}

function printableHost(host: string): string {
  if (['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost', ''].includes(host)) return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
