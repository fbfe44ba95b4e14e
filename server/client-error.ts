import { maxHeaderSize, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, ProblemError } from './problem.ts';

/** How long a refused connection may linger for the client to read the answer. */
const LINGER_MS = 2000;

/**
 * Answers requests that Node's HTTP parser refuses before Plaza sees them
 * (a URL or headers over the parser's limit, broken framing, a request that
 * never finished arriving) with problem+json like every other error, instead
 * of Node's empty 400/431. The connection is closed after the answer: the
 * parser has lost its place in it.
 */
export function answerClientErrors(server: Server): void {
  // startPlaza does not set the server's own maxHeaderSize, so Node's (--max-http-header-size) applies.
  const headerLimit = maxHeaderSize;
  server.on('clientError', (error: NodeJS.ErrnoException & { reason?: string }, socket: Duplex) => {
    // As Node itself does: only answer where no response has started on this connection.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const problem = problemFor(error, headerLimit);
    const body = JSON.stringify(problem.toProblem());
    socket.end(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}

function problemFor(error: NodeJS.ErrnoException & { reason?: string }, headerLimit: number): ProblemError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new ProblemError('tooLarge', 431, `The request line and headers together are limited to ${headerLimit} bytes (${headerLimit / 1024} KB); shorten the URL or the cookies.`);
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new ProblemError('tooLarge', 413, 'The chunk extensions of the body are too large.');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ProblemError('validation', 408, 'The request did not arrive completely in time.');
    default:
      return new ProblemError('validation', 400, `The request is not well-formed HTTP/1.1${error.reason ? ` (${error.reason})` : ''}.`);
  }
}
