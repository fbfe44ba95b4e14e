/** Where the server writes what an operator should see. Tests pass a quiet one. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** `error` should have been through {@link loggableError}; the console logger makes sure. */
  error(message: string, error?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (message, error) => (error === undefined ? console.error(message) : console.error(message, loggableError(error))),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Fields of a database error that name the schema, not the data: worth an operator's time. */
const SCHEMA_FIELDS = ['code', 'severity', 'table', 'column', 'constraint', 'routine'] as const;

/**
 * What of an error may go into the log: its name, message, stack, cause and
 * the database's SQLSTATE and schema names, never what the request carried.
 * pg and PGlite errors also hold the query's parameters (`params`), the
 * failing row (`detail: "Failing row contains (…, the comment's text)"`),
 * `where`, `internalQuery` and the query itself, which `console.error` would
 * print in full; and a data exception (SQLSTATE class 22) quotes the value in
 * its message (`invalid input syntax for type integer: "…"`), which is
 * replaced by `"…"`.
 */
export function loggableError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return typeof error === 'object' && error !== null ? '(a thrown non-Error object)' : error;
  const source = error as Error & Record<string, unknown>;
  const quotesData = typeof source.code === 'string' && source.code.startsWith('22');
  const message = quotesData ? redactQuoted(error.message) : error.message;
  const safe = new Error(message) as Error & Record<string, unknown>;
  safe.name = error.name;
  safe.stack = quotesData && error.stack ? error.stack.split(error.message).join(message) : error.stack;
  for (const field of SCHEMA_FIELDS) if (typeof source[field] === 'string') safe[field] = source[field];
  if (error.cause !== undefined && depth < 3) safe.cause = loggableError(error.cause, depth + 1);
  return safe;
}

function redactQuoted(text: string): string {
  return text.replace(/"(?:[^"]|"")*"/g, '"…"');
}
