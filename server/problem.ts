import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { PROBLEM_TYPES, type Problem } from '../src/core/protocol.ts';
import type { Logger } from './log.ts';

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
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Thrown anywhere below a route to answer with RFC 9457 problem details. Routes
 * throw instead of returning error responses, so every error leaves through
 * one place (`problemResponse`) and looks the same.
 */
export class ProblemError extends Error {
  constructor(
    readonly kind: ProblemType,
    readonly status: number,
    detail?: string,
    readonly field?: string,
  ) {
    super(detail ?? TITLES[kind]);
    this.name = 'ProblemError';
  }

  toProblem(instance?: string): Problem {
    const problem: Problem = { type: PROBLEM_TYPES[this.kind], title: TITLES[this.kind], status: this.status };
    if (this.message !== TITLES[this.kind]) problem.detail = this.message;
    if (this.field !== undefined) problem.field = this.field;
    if (instance !== undefined) problem.instance = instance;
    return problem;
  }
}

export function problemResponse(c: Context, error: ProblemError): Response {
  return new Response(JSON.stringify(error.toProblem(c.req.path)), {
    status: error.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE },
  });
}

/** The first zod issue as a 400; `field` is its path (`target`, `targets.2`, `userId`). */
export function validationProblem(error: ZodError): ProblemError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  return new ProblemError('validation', 400, issue ? `${field ?? 'input'}: ${issue.message}` : undefined, field);
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
 * with its stack and answered as a bare 500 so nothing internal leaks.
 */
export function toProblemError(error: unknown, logger: Logger, where: string): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error instanceof HTTPException && error.status < 500) {
    const kind = STATUS_KINDS[error.status] ?? 'validation';
    return new ProblemError(kind, error.status, error.message || undefined);
  }
  logger.error(`Unexpected error in ${where}`, error);
  return new ProblemError('internal', 500);
}
