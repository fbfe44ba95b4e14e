import { PROBLEM_TYPES, type Problem } from './protocol.ts';

/**
 * The one error type that travels from the server's problem+json to the
 * message a user reads. Everything the client throws is a PlazaError, so an
 * element needs one `catch` shape and never has to guess.
 */
export class PlazaError extends Error implements Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly field?: string;
  readonly instance?: string;
  /** The problem's other members (RFC 9457 extensions), e.g. `current` of a stale edit's 409. */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(problem: Problem, options?: { cause?: unknown; extensions?: Record<string, unknown> }) {
    super(problem.detail ?? problem.title, options);
    this.name = 'PlazaError';
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    this.field = problem.field;
    this.instance = problem.instance;
    this.extensions = options?.extensions ?? {};
  }

  /** True for failures worth retrying: the network, a gateway, an overloaded server. */
  get transient(): boolean {
    return this.type === PROBLEM_TYPES.network || [502, 503, 504].includes(this.status);
  }
}

/** Turns a non-OK response into a PlazaError, whether or not the backend speaks problem+json. */
export async function problemFromResponse(response: Response): Promise<PlazaError> {
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      if (typeof body.title === 'string' || typeof body.type === 'string') {
        const { type, title, status, detail, field, instance, ...extensions } = body;
        return new PlazaError(
          {
            type: type ?? 'about:blank',
            title: title ?? response.statusText,
            status: status ?? response.status,
            detail,
            field,
            instance,
          },
          { extensions },
        );
      }
    } catch {
      // A lying content-type is still an HTTP error; fall through to the status-only problem.
    }
  }
  return new PlazaError({ type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status });
}

/**
 * A request to another origin that the server answers but does not let this page read (its
 * CORS allowlist lacks the page's origin): told apart from a network failure in the browser
 * (core/cross-origin.ts), never sent by a server.
 */
export const ORIGIN_REFUSED = 'urn:plaza:problem:origin-refused';

/**
 * The server lets only signed-in people read (`PLAZA_READ_ACCESS=signed-in`): a state to explain
 * ("sign in to see …"), not an error to retry; trying again cannot help until the reader signs in.
 */
export function isSignInToRead(error: unknown): boolean {
  return error instanceof PlazaError && error.type === PROBLEM_TYPES.signInToRead;
}

/** Wraps a fetch failure (offline, DNS, a server that is down) so it reads like any other problem. */
export function networkProblem(cause: unknown): PlazaError {
  return new PlazaError(
    { type: PROBLEM_TYPES.network, title: 'Network error', status: 0, detail: cause instanceof Error ? cause.message : String(cause) },
    { cause },
  );
}

/** A failure event's reason: the PlazaError the client threw as it is, anything else (a bug) wrapped, so pages read one shape. */
export function asPlazaError(error: unknown): PlazaError {
  return error instanceof PlazaError ? error : new PlazaError({ type: 'about:blank', title: error instanceof Error ? error.name : 'Error', status: 0, detail: String(error) }, { cause: error });
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
