/**
 * What the main thread and PGlite's worker thread (server/db/pglite-worker.ts)
 * say to each other. Every request has an id; the worker answers each once.
 */
export type Request =
  /** Answered with whether it started from `migratedCopy` (in memory only: a cached, migrated database). */
  | { id: number; op: 'open'; dataDir: string; fsync: boolean; migratedCopy?: string }
  /** Saves the database, just migrated, as the copy `name` later in-memory starts load. */
  | { id: number; op: 'keep-migrated'; name: string }
  | { id: number; op: 'query'; sql: string; params: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  /** Starts a transaction; the answer comes once it holds the connection, and is the transaction's id (this request's). */
  | { id: number; op: 'begin' }
  /** Commits (or rolls back) transaction `tx`; the answer comes once that is done. */
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'fsyncs' }
  | { id: number; op: 'close' };

export type Reply = { id: number; ok: true; value?: unknown } | { id: number; ok: false; error: SentError } | { log: 'warn'; message: string };

/**
 * An error as it crosses threads. Structured cloning keeps an Error's message
 * but not PostgreSQL's fields (`code`, `severity`, `detail`, …) that callers
 * and the storage guard read, nor its class, so both are carried by hand.
 */
export interface SentError {
  name: string;
  message: string;
  stack?: string;
  wasm: boolean;
  fields: Record<string, unknown>;
}

export function sendError(error: unknown): SentError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), wasm: false, fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) if (isCloneable(value)) fields[key] = value;
  return { name: error.name, message: error.message, stack: error.stack, wasm: error instanceof WebAssembly.RuntimeError, fields };
}

export function receiveError(sent: SentError): Error {
  const error = sent.wasm ? new WebAssembly.RuntimeError(sent.message) : new Error(sent.message);
  Object.assign(error, sent.fields);
  if (!sent.wasm) error.name = sent.name;
  // The worker's stack says where PostgreSQL failed; the caller's is added by the client.
  if (sent.stack) error.stack = sent.stack;
  return error;
}

function isCloneable(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean', 'undefined', 'bigint'].includes(typeof value) || Array.isArray(value);
}
