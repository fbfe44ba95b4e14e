import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { describe, test } from 'node:test';
import { PROBLEM_TYPES, type Problem } from '../../src/core/protocol.ts';
import { signIn, threadPath, useTestServer } from './harness.ts';

/**
 * What a client sees at the edge of HTTP itself: a body over the limit, a URL
 * or headers over the parser's limit, framing the parser cannot read. Raw
 * sockets, because fetch would not send most of this, and because what
 * matters is what happens on the connection afterwards.
 */

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One connection to the server: write bytes, read whole responses, see whether the server closed it. */
class RawConnection {
  private buffer = Buffer.alloc(0);
  private waiting: (() => void) | undefined;
  ended = false;
  private readonly socket: net.Socket;

  constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.waiting?.();
    });
    const end = () => {
      this.ended = true;
      this.waiting?.();
    };
    this.socket.on('end', end);
    this.socket.on('close', end);
    // A reset after the server closed is what some of these tests look for, not a failure.
    this.socket.on('error', end);
  }

  write(data: string | Buffer): void {
    if (!this.socket.destroyed) this.socket.write(data);
  }

  /** The next complete response, or undefined if the connection ends (or `ms` pass) first. */
  async response(ms = 3000): Promise<RawResponse | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
      const parsed = this.take();
      if (parsed) return parsed;
      if (this.ended || Date.now() > deadline) return undefined;
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 50);
      });
      this.waiting = undefined;
    }
  }

  /** Whether the server closes the connection within `ms`. */
  async closes(ms = 3000): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!this.ended && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    return this.ended;
  }

  destroy(): void {
    this.socket.destroy();
  }

  private take(): RawResponse | undefined {
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd === -1) return undefined;
    const [statusLine = '', ...lines] = this.buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    if (this.buffer.length < headEnd + 4 + length) return undefined;
    const body = this.buffer.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
    this.buffer = this.buffer.subarray(headEnd + 4 + length);
    return { status: Number(statusLine.split(' ')[1]), headers, body };
  }
}

function assertProblem(response: RawResponse | undefined, status: number, type: string): Problem {
  assert.ok(response, 'an answer, not a dropped connection');
  assert.equal(response.status, status);
  assert.equal(response.headers['content-type'], 'application/problem+json');
  const problem = JSON.parse(response.body) as Problem;
  assert.deepEqual([problem.type, problem.status], [type, status]);
  assert.ok(problem.detail, 'says what was wrong');
  return problem;
}

describe('HTTP framing', () => {
  const server = useTestServer();
  const port = () => Number(new URL(server.url).port);
  const oversize = JSON.stringify({ text: 'x'.repeat(70_000) });

  test('a body over PLAZA_MAX_BODY_BYTES: 413 problem+json that says Connection: close, and the connection does close', async () => {
    const cookie = await signIn(server, 'lukas.schneider');
    const connection = new RawConnection(port());
    try {
      connection.write(
        `POST /api/v1${threadPath('page:/news/framing')} HTTP/1.1\r\nHost: localhost\r\nCookie: ${cookie}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${oversize.length}\r\n\r\n${oversize}`,
      );
      const refused = await connection.response();
      assertProblem(refused, 413, PROBLEM_TYPES.tooLarge);
      // Either the server keeps the connection and answers the next request on it, or it says it will not.
      assert.equal(refused!.headers.connection, 'close', 'a connection the server drops must not be offered for reuse');
      assert.equal(await connection.closes(), true);
    } finally {
      connection.destroy();
    }
  });

  /** Ten rounds of an oversize POST then a valid GET through one keep-alive socket; what each got. */
  async function keepAliveRounds(body: string, announceLength: boolean): Promise<{ refused: Array<number | string>; valid: Array<number | string> }> {
    const cookie = await signIn(server, 'lukas.schneider');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, data?: string) =>
      new Promise<number | string>((resolve) => {
        const headers: Record<string, string | number> = { cookie, 'content-type': 'application/json' };
        if (data !== undefined && announceLength) headers['content-length'] = Buffer.byteLength(data);
        const req = http.request({ host: '127.0.0.1', port: port(), method, path: `/api/v1${path}`, agent, headers }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        });
        req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
        req.end(data);
      });
    const refused: Array<number | string> = [];
    const valid: Array<number | string> = [];
    try {
      for (let i = 0; i < 10; i++) {
        refused.push(await send('POST', threadPath('page:/news/framing'), body));
        valid.push(await send('GET', '/me'));
      }
    } finally {
      agent.destroy();
    }
    return { refused, valid };
  }

  test('a keep-alive client that sends a 300 KB body gets its 413 each time and loses none of the valid requests after it', async () => {
    const { refused, valid } = await keepAliveRounds(JSON.stringify({ text: 'x'.repeat(300_000) }), true);
    assert.deepEqual(valid, Array(10).fill(200));
    assert.deepEqual(refused, Array(10).fill(413));
  });

  test('the same with a streamed body (no Content-Length): the valid requests all get through', async () => {
    const { refused, valid } = await keepAliveRounds(JSON.stringify({ text: 'x'.repeat(300_000) }), false);
    assert.deepEqual(valid, Array(10).fill(200));
    // The server stops reading a stream at the limit and closes: the client may see the 413 or the close.
    assert.ok(refused.every((status) => status === 413 || typeof status === 'string'), String(refused));
  });

  test("Node's fetch, which reuses connections: every oversize POST is a 413 and every request after it a 200", async () => {
    const cookie = await signIn(server, 'lukas.schneider');
    const body = JSON.stringify({ text: 'x'.repeat(300_000) });
    const outcome = (res: Promise<Response>) => res.then((r) => r.status, (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message);
    const results: Array<number | string> = [];
    for (let i = 0; i < 10; i++) {
      results.push(await outcome(fetch(server.api + threadPath('page:/news/framing'), { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body })));
      results.push(await outcome(fetch(`${server.api}/me`, { headers: { cookie } })));
    }
    assert.deepEqual(results, Array.from({ length: 20 }, (_, i) => (i % 2 ? 200 : 413)));
  });

  test('a streamed body under the limit still reaches the route whole', async () => {
    const cookie = await signIn(server, 'lukas.schneider');
    const text = `Gestreamt 😀 ${'x'.repeat(20_000)}`.slice(0, 10_000);
    const body = new Blob([JSON.stringify({ text })]).stream();
    const init = { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit;
    const res = await fetch(server.api + threadPath('page:/news/framing'), init);
    assert.equal(res.status, 201);
    assert.equal(((await res.json()) as { text: string }).text, text);
  });

  test('a URL over 16 KB: 431 problem+json, not an empty answer', async () => {
    const connection = new RawConnection(port());
    try {
      connection.write(`GET /api/v1/threads/counts?keys=${'k'.repeat(17_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
      const problem = assertProblem(await connection.response(), 431, PROBLEM_TYPES.tooLarge);
      assert.match(problem.detail!, /16 KB|16384/);
    } finally {
      connection.destroy();
    }
  });

  test('headers over 16 KB: 431 problem+json', async () => {
    const connection = new RawConnection(port());
    try {
      connection.write(`GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nCookie: plaza_session=${'a'.repeat(17_000)}\r\n\r\n`);
      assertProblem(await connection.response(), 431, PROBLEM_TYPES.tooLarge);
    } finally {
      connection.destroy();
    }
  });

  for (const [name, request] of [
    ['a Content-Length that is not a number', 'POST /api/v1/me HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n'],
    ['both Content-Length and Transfer-Encoding', 'POST /api/v1/me HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
    ['a header line without a colon', 'GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nnot a header\r\n\r\n'],
    ['a broken chunk size', 'POST /api/v1/me HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'],
  ] as const) {
    test(`malformed framing (${name}): 400 problem+json, and the connection closes`, async () => {
      const connection = new RawConnection(port());
      try {
        connection.write(request);
        const response = await connection.response();
        assertProblem(response, 400, PROBLEM_TYPES.validation);
        assert.equal(response!.headers.connection, 'close');
        assert.equal(await connection.closes(), true);
      } finally {
        connection.destroy();
      }
    });
  }

  test('a malformed request after a good one on the same connection: the good one is answered in full', async () => {
    const connection = new RawConnection(port());
    try {
      connection.write('GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\n\r\n');
      assert.equal((await connection.response())?.status, 200);
      connection.write('GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nnot a header\r\n\r\n');
      assertProblem(await connection.response(), 400, PROBLEM_TYPES.validation);
    } finally {
      connection.destroy();
    }
  });
});
