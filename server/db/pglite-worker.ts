import { parentPort } from 'node:worker_threads';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { createPglite, fsyncCount } from './pglite-engine.ts';
import { saveTemplate } from './pglite-template.ts';
import { MIGRATED_PREFIX } from './migrations-fingerprint.ts';
import { sendError, type Reply, type Request } from './pglite-messages.ts';

/**
 * PGlite's own thread (decision 93). PostgreSQL in WebAssembly runs each
 * statement synchronously; on the main thread that stopped the server from
 * reading requests while it ran, and a write cost the event loop ~15 ms.
 * Here it runs beside the HTTP server, on the second core. The main thread
 * (server/db/pglite.ts) keeps the transaction's logic; this thread runs
 * statements and holds each transaction open until told to end it.
 */
const port = parentPort!;
let pg: PGlite | undefined;
const transactions = new Map<number, { tx: Transaction; end(commit: boolean): Promise<void> }>();
/** Thrown inside PGlite's transaction to make it roll back; not an error of anyone's. */
const ROLL_BACK = Symbol('roll back');

const answer = (reply: Reply) => port.postMessage(reply);

port.on('message', (request: Request) => {
  run(request)
    .then(
      (value) => answer({ id: request.id, ok: true, value }),
      (error: unknown) => answer({ id: request.id, ok: false, error: sendError(error) }),
    )
    // Closed: with nothing left to listen to, the thread ends.
    .finally(() => request.op === 'close' && port.close());
});

async function run(request: Request): Promise<unknown> {
  switch (request.op) {
    case 'open': {
      const opened = await createPglite(request.dataDir, { fsync: request.fsync, migratedCopy: request.migratedCopy, warn: (message) => answer({ log: 'warn', message }) });
      pg = opened.pg;
      return opened.migrated;
    }
    case 'keep-migrated':
      if (!pg) throw new Error('PGlite is not open.');
      await saveTemplate(pg, request.name, MIGRATED_PREFIX);
      return undefined;
    case 'query':
      return (await on(request.tx).query(request.sql, request.params)).rows;
    case 'exec':
      await on(request.tx).exec(request.sql);
      return undefined;
    case 'begin':
      // The transaction is named by the request that began it.
      await begin(request.id);
      return request.id;
    case 'end': {
      const open = openTransaction(request.tx);
      transactions.delete(request.tx);
      return open.end(request.commit);
    }
    case 'fsyncs':
      return fsyncCount;
    case 'close':
      if (pg && !pg.closed) await pg.close();
      return undefined;
  }
}

/** Where a statement runs: in its transaction, or on its own (then it waits for any open transaction, as PGlite queues it). */
function on(tx: number | undefined): Pick<PGlite, 'query' | 'exec'> {
  if (tx === undefined) {
    if (!pg) throw new Error('PGlite is not open.');
    return pg;
  }
  return openTransaction(tx).tx;
}

function openTransaction(tx: number): { tx: Transaction; end(commit: boolean): Promise<void> } {
  const open = transactions.get(tx);
  if (!open) throw new Error(`No open transaction ${tx}.`);
  return open;
}

/** Resolves once the transaction holds the connection; it stays open until `end`. */
function begin(id: number): Promise<void> {
  if (!pg) return Promise.reject(new Error('PGlite is not open.'));
  return new Promise((begun, failed) => {
    let decide: (commit: boolean) => void = () => {};
    const decided = new Promise<boolean>((resolve) => (decide = resolve));
    const finished = pg!.transaction(async (tx) => {
      transactions.set(id, {
        tx,
        end: (commit) => {
          decide(commit);
          return finished.catch((error: unknown) => {
            if (error !== ROLL_BACK) throw error;
          });
        },
      });
      begun();
      if (!(await decided)) throw ROLL_BACK;
    });
    // Before `begun`, a failure is the begin's; after it, `end` reports it.
    finished.catch((error: unknown) => {
      if (!transactions.has(id) && error !== ROLL_BACK) failed(error);
    });
  });
}
