import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { describe, test } from 'node:test';
import { PROBLEM_TYPES } from '../../src/core/protocol.ts';
import { call, ok, problem, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';
import { openSse } from './sse.ts';

/**
 * What keeps one slow or greedy client from holding the server's memory or
 * connections: a cap on what may queue for one stream, an idle timeout, and
 * limits on open streams per address (anonymous), per person and in total.
 */

/** A raw socket that asks for the stream and then reads nothing: its bytes pile up in the kernel, then in the server. */
function stalledStream(server: TestServer, topic: string, cookie?: string): Promise<StalledSocket> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: Number(port) }, () => {
      socket.write(
        `GET /api/v1/events?topics=${encodeURIComponent(topic)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n` +
          (cookie ? `Cookie: ${cookie}\r\n` : '') +
          '\r\n',
      );
      socket.pause();
      resolve(new StalledSocket(socket));
    });
    socket.once('error', reject);
  });
}

class StalledSocket {
  closed = false;
  constructor(readonly socket: Socket) {
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => {});
  }

  /** Reads what the kernel holds; resolves with the byte count once the server has closed the connection, or rejects after `ms`. */
  drainUntilClosed(ms: number): Promise<number> {
    let bytes = 0;
    this.socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
    this.socket.resume();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.socket.destroy();
        reject(new Error(`the server kept the stalled stream open (${bytes} bytes read after ${ms} ms)`));
      }, ms);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve(bytes);
      });
    });
  }
}

/** Comments of 50,000 characters, so a few seconds of posting outgrow loopback's socket buffers (several MB). */
const LONG = { maxCommentLength: 50_000, maxBodyBytes: 200_000 };

async function postLongComments(server: TestServer, cookie: string, key: string, count: number, length = 49_000): Promise<void> {
  for (let i = 0; i < count; i++) {
    await ok(call(server, threadPath(key), { method: 'POST', cookie, json: { text: `${i} ${'Kantine '.repeat(length / 8)}` } }));
  }
}

describe('event streams: a client that falls behind', () => {
  test('is disconnected once its backlog passes PLAZA_STREAM_BACKLOG_BYTES, and resumes with Last-Event-ID', async () => {
    const server = await startTestServer({ ...LONG, streamBacklogBytes: 512 * 1024 });
    try {
      const cookie = await signIn(server, 'anna.lehmann');
      const key = 'page:/news/stalled-backlog';
      const stalled = await stalledStream(server, `comments:${key}`);
      // About 7.5 MB of events: more than loopback's socket buffers take from a reader that never reads.
      await postLongComments(server, cookie, key, 150);
      const received = await stalled.drainUntilClosed(5000);
      assert.ok(received < 7_000_000, `the stalled reader got ${received} bytes: the rest of the backlog was dropped, not queued`);

      // A reader that resumes where it was gets the rest from the log.
      const resumed = await openSse(`${server.api}/events?topics=${encodeURIComponent(`comments:${key}`)}`, { 'last-event-id': '0' });
      await resumed.next((m) => m.event === 'comment.created' || m.event === 'reset', 10_000);
      resumed.close();
      assert.deepEqual(server.errors, []);
    } finally {
      await server.close();
    }
  });

  test('is closed when its socket accepts nothing for PLAZA_STREAM_IDLE_SECONDS', async () => {
    const server = await startTestServer({ ...LONG, streamIdleSeconds: 1, heartbeatMs: 200, streamBacklogBytes: 64 * 1024 * 1024 });
    try {
      const cookie = await signIn(server, 'anna.lehmann');
      const key = 'page:/news/stalled-idle';
      const stalled = await stalledStream(server, `comments:${key}`);
      // Enough to fill the socket buffers, far below the backlog cap.
      await postLongComments(server, cookie, key, 150);
      // Quiet now: nothing is posted, the socket takes nothing, heartbeats keep queueing.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      // Everything the kernel holds is still delivered; then the connection ends.
      await stalled.drainUntilClosed(4000);
      assert.deepEqual(server.errors, []);
    } finally {
      await server.close();
    }
  });
});

describe('event streams: how many may be open', () => {
  const topic = encodeURIComponent('comments:page:/news/stream-limits');

  test('anonymous streams per address: one over PLAZA_STREAMS_PER_ADDRESS is a 429 with Retry-After; closing one frees its place', async () => {
    const server = await startTestServer({ streamsPerAddress: 2 });
    try {
      const a = await openSse(`${server.api}/events?topics=${topic}`);
      const b = await openSse(`${server.api}/events?topics=${topic}`);
      const refused = await call(server, `/events?topics=${topic}`);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1, 'Retry-After');
      const p = await problem(refused, 429);
      assert.equal(p.type, PROBLEM_TYPES.rateLimited);
      // A signed-in person is counted per person, not per address.
      const cookie = await signIn(server, 'anna.lehmann');
      const mine = await openSse(`${server.api}/events?topics=${topic}`, { cookie });
      a.close();
      await waitFor(async () => {
        const again = await fetch(`${server.api}/events?topics=${topic}`);
        await again.body?.cancel();
        return again.status === 200;
      });
      b.close();
      mine.close();
    } finally {
      await server.close();
    }
  });

  test('per person: one over PLAZA_STREAMS_PER_PERSON is a 429', async () => {
    const server = await startTestServer({ streamsPerPerson: 1 });
    try {
      const cookie = await signIn(server, 'anna.lehmann');
      const first = await openSse(`${server.api}/events?topics=${topic}`, { cookie });
      const refused = await call(server, `/events?topics=${topic}`, { cookie });
      assert.ok(Number(refused.headers.get('retry-after')) >= 1, 'Retry-After');
      await problem(refused, 429);
      const other = await openSse(`${server.api}/events?topics=${topic}`, { cookie: await signIn(server, 'jonas.richter') });
      first.close();
      other.close();
    } finally {
      await server.close();
    }
  });

  test('in total: one over PLAZA_STREAMS_TOTAL is a 503 unavailable with Retry-After', async () => {
    const server = await startTestServer({ streamsTotal: 2 });
    try {
      const a = await openSse(`${server.api}/events?topics=${topic}`);
      const b = await openSse(`${server.api}/events?topics=${topic}`, { cookie: await signIn(server, 'anna.lehmann') });
      const refused = await call(server, `/events?topics=${topic}`);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1, 'Retry-After');
      const p = await problem(refused, 503);
      assert.equal(p.type, PROBLEM_TYPES.unavailable);
      a.close();
      b.close();
    } finally {
      await server.close();
    }
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
