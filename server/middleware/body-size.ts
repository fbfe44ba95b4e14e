import type { Context, MiddlewareHandler } from 'hono';
import { isSafeMethod } from '../methods.ts';
import { ProblemError } from '../problem.ts';

/** How much of a refused body is still read (and thrown away) so the client gets to read the 413. */
const DRAIN_BYTES = 1024 * 1024;
const DRAIN_MS = 2000;

/**
 * Refuses a body over `maxBodyBytes` with a 413 that says `Connection: close`:
 * the rest of the body is still on the connection, so it cannot carry another
 * request, and a client told `keep-alive` would send its next request into a
 * connection about to be dropped. A body that announced a modest
 * Content-Length is read to its end first (up to 1 MiB, 2 s), so the server
 * closes a quiet connection and the client reads its 413 instead of a reset.
 */
export function limitBodySize(maxBodyBytes: number): MiddlewareHandler {
  const tooLarge = () => new ProblemError('tooLarge', 413, `Request bodies are limited to ${maxBodyBytes} bytes.`).with({}, { connection: 'close' });
  return async (c, next) => {
    // Reads have no body to limit, and asking for it makes @hono/node-server build a full
    // Request per read (a tenth of a thread read's CPU time under load).
    if (isSafeMethod(c.req.method) || !c.req.raw.body) return next();
    const announced = c.req.header('content-length');
    if (announced !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(announced) <= maxBodyBytes) return next();
      await drainAnnouncedBody(c);
      throw tooLarge();
    }
    // A streamed body: count the bytes as they come, and keep them for the route.
    const body = await readAtMost(c.req.raw.body, maxBodyBytes);
    if (!body) throw tooLarge();
    c.req.raw = new Request(c.req.raw, { body });
    return next();
  };
}

/** The whole stream, or undefined once it passes `max` bytes. A stream that breaks is a client that went away. */
async function readAtMost(stream: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return joined(chunks, size);
      size += value.length;
      if (size > max) return undefined;
      chunks.push(value);
    }
  } catch {
    throw incompleteBody();
  }
}

function joined(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** The connection broke (or the framing did) before the body was complete: nobody is waiting for the answer. */
export function incompleteBody(): ProblemError {
  return new ProblemError('validation', 400, 'The request body did not arrive completely.');
}

/** Reads and drops a body whose Content-Length was over the limit (nothing has read it yet), within bounds. */
async function drainAnnouncedBody(c: Context): Promise<void> {
  const announced = Number(c.req.header('content-length'));
  const body = c.req.raw.body;
  if (!body || body.locked || !(announced <= DRAIN_BYTES)) return;
  const reader = body.getReader();
  const deadline = Date.now() + DRAIN_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), DRAIN_MS);
  });
  try {
    for (let read = 0; read <= DRAIN_BYTES && Date.now() < deadline; ) {
      const chunk = await Promise.race([reader.read(), timeout]);
      if (chunk === 'late' || chunk.done) break;
      read += chunk.value.length;
    }
  } catch {
    // The client went away: nothing left to drain.
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
}
