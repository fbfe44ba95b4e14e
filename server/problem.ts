import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { PROBLEM_TYPES, type Problem } from '../src/core/protocol.ts';
import { randomBytes } from 'node:crypto';
import { StorageUnavailableError } from './db/storage-guard.ts';
import { loggableError, type Logger } from './log.ts';

export type ProblemType = keyof typeof PROBLEM_TYPES;

/** One human title per type; `detail` carries the specifics. */
const TITLES: Record<ProblemType, string> = {
  validation: 'The request is not valid',
  unauthenticated: 'Sign-in required',
  forbidden: 'Not allowed',
  notFound: 'Not found',
  conflict: 'Conflict',
  tooLarge: 'Request too large',
  rateLimited: 'Too many requests',
  unknownKind: 'Unknown reaction kind',
  internal: 'Internal server error',
  network: 'Network error',
  threadClosed: 'The thread is closed',
  unknownMention: 'Unknown person mentioned',
  idempotencyKeyReused: 'Idempotency-Key used for another request',
  unavailable: 'Service unavailable',
  signInToRead: 'Sign-in required to read',
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Thrown anywhere below a route to answer with RFC 9457 problem details. Routes
 * throw instead of returning error responses, so every error leaves through
 * one place (`problemResponse`) and looks the same.
 */
export class ProblemError extends Error {
  /** Extension members (RFC 9457 §3.2), e.g. `current` on a stale edit. */
  extensions: Record<string, unknown> = {};
  /** Headers the answer needs, e.g. `Retry-After` on a 429. */
  headers: Record<string, string> = {};

  constructor(
    readonly kind: ProblemType,
    readonly status: number,
    detail?: string,
    readonly field?: string,
  ) {
    super(detail ?? TITLES[kind]);
    this.name = 'ProblemError';
  }

  with(extensions: Record<string, unknown>, headers: Record<string, string> = {}): this {
    Object.assign(this.extensions, extensions);
    Object.assign(this.headers, headers);
    return this;
  }

  toProblem(instance?: string): Problem {
    const problem: Problem = { ...this.extensions, type: PROBLEM_TYPES[this.kind], title: TITLES[this.kind], status: this.status };
    if (this.message !== TITLES[this.kind]) problem.detail = this.message;
    if (this.field !== undefined) problem.field = this.field;
    if (instance !== undefined) problem.instance = instance;
    return problem;
  }
}

export function problemResponse(c: Context, error: ProblemError): Response {
  return new Response(JSON.stringify(error.toProblem(c.req.path)), {
    status: error.status,
    headers: { ...error.headers, 'content-type': PROBLEM_CONTENT_TYPE },
  });
}

/**
 * The first zod issue as a 400; `field` is its path (`target`, `targets.2`,
 * `userId`). An unknown field (strict schemas) is named itself, so the client
 * learns which one to drop.
 */
export function validationProblem(error: ZodError): ProblemError {
  const issue = error.issues[0];
  const path = issue?.path.map(String) ?? [];
  if (issue?.code === 'unrecognized_keys') path.push(issue.keys[0] ?? '');
  const field = path.join('.') || undefined;
  const message = issue?.code === 'unrecognized_keys' ? 'is not a field of this request' : issue?.message;
  return new ProblemError('validation', 400, issue ? `${field ?? 'input'}: ${message}` : undefined, field);
}

const STATUS_KINDS: Partial<Record<number, ProblemType>> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  413: 'tooLarge',
  429: 'rateLimited',
};

/**
 * Maps anything thrown to a problem. Hono's own HTTP errors (malformed JSON,
 * missing content type) keep their status; everything unexpected is logged
 * with its stack (never the data it was working on, see `loggableError`) and
 * answered as a bare 500 so nothing internal leaks. The log line and the 500
 * share a `correlationId`, so a colleague's report leads to the line.
 */
export function toProblemError(error: unknown, logger: Logger, where: string): ProblemError {
  if (error instanceof ProblemError) return error;
  // The storage guard logged what happened once; each refused write needs no stack of its own.
  if (error instanceof StorageUnavailableError) {
    return new ProblemError('unavailable', 503, error.message).with({}, { 'Retry-After': String(error.retryAfterSeconds) });
  }
  if (error instanceof HTTPException && error.status < 500) {
    const kind = STATUS_KINDS[error.status] ?? 'validation';
    return new ProblemError(kind, error.status, error.message || undefined);
  }
  const correlationId = randomBytes(6).toString('hex');
  logger.error(`Unexpected error in ${where} (correlation id ${correlationId})`, loggableError(error));
  return new ProblemError('internal', 500).with({ correlationId });
}
