import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { describe, test } from 'node:test';
import { ConfigError, optionsFromEnv, resolveOptions } from '../../server/config.ts';
import { silentLogger } from '../../server/log.ts';
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

  /** Reads what the kernel holds; resolves with the text once the server has closed the connection, or rejects after `ms`. */
  drainUntilClosed(ms: number): Promise<string> {
    const chunks: Buffer[] = [];
    let bytes = 0;
    this.socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      bytes += chunk.length;
    });
    this.socket.resume();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.socket.destroy();
        reject(new Error(`the server kept the stalled stream open (${bytes} bytes read after ${ms} ms)`));
      }, ms);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve(dechunked(Buffer.concat(chunks)));
      });
    });
  }
}

/** The body of a chunked HTTP/1.1 response as far as it arrived whole. */
function dechunked(raw: Buffer): string {
  let at = raw.indexOf('\r\n\r\n') + 4;
  const parts: Buffer[] = [];
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(raw.subarray(at, lineEnd).toString('latin1'), 16);
    if (!(size > 0) || lineEnd + 2 + size > raw.length) break;
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts).toString('utf8');
}

/** The ids of the events received whole (the last block may be cut off). */
function wholeEventIds(text: string, type: string): number[] {
  const blocks = text.split('\n\n').slice(0, -1);
  return blocks.filter((b) => b.includes(`\nevent: ${type}\n`)).map((b) => Number(/^id: (\d+)$/m.exec(b)![1]));
}

/** Comments of 50,000 characters, so a few seconds of posting outgrow loopback's socket buffers (several MB). */
const LONG = { maxCommentLength: 50_000, maxBodyBytes: 310_000 };

async function postLongComments(server: TestServer, cookie: string, key: string, count: number, length = 49_000): Promise<void> {
  for (let i = 0; i < count; i++) {
    await ok(call(server, threadPath(key), { method: 'POST', cookie, json: { text: `${i} ${'Kantine '.repeat(length / 8)}` } }));
  }
}

describe('event streams: a client that falls behind', () => {
  test('is disconnected once its backlog passes PLAZA_STREAM_BACKLOG_BYTES, and resumes with Last-Event-ID', async () => {
    const server = await startTestServer({ ...LONG, streamBacklogBytes: 640 * 1024 });
    try {
      const cookie = await signIn(server, 'anna.lehmann');
      const key = 'page:/news/stalled-backlog';
      const stalled = await stalledStream(server, `comments:${key}`);
      // About 7.5 MB of events: more than loopback's socket buffers take from a reader that never reads.
      await postLongComments(server, cookie, key, 150);
      const text = await stalled.drainUntilClosed(5000);
      const received = wholeEventIds(text, 'comment.created');
      assert.ok(received.length < 150, `the stalled reader got all ${received.length} events: nothing was dropped`);

      // Resuming from the last event it got whole (as EventSource does), it gets the rest from the log, once each.
      const last = received[received.length - 1] ?? 0;
      const rows = await server.db.query<{ id: number }>(`SELECT id::float8 AS id FROM events WHERE topic = $1 AND id > $2 ORDER BY id`, [`comments:${key}`, last]);
      const resumed = await openSse(`${server.api}/events?topics=${encodeURIComponent(`comments:${key}`)}`, { 'last-event-id': String(last) });
      const replayed = () => resumed.messages.filter((m) => m.event === 'comment.created').map((m) => Number(m.id));
      await resumed.next(() => replayed().length >= rows.length, 20_000).catch(() => {
        throw new Error(`resumed after ${last}: ${replayed().length} of the ${rows.length} missing events arrived`);
      });
      resumed.close();
      assert.deepEqual(replayed(), rows.map((row) => row.id));
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

describe('event stream settings', () => {
  test('a backlog too small for one full-length comment event stops the server at startup', () => {
    assert.throws(() => optionsFromEnv({ PLAZA_STREAM_BACKLOG_BYTES: '1000' }), ConfigError);
    assert.throws(() => resolveOptions({ streamBacklogBytes: 100_000 }, silentLogger), /PLAZA_STREAM_BACKLOG_BYTES/);
    assert.deepEqual(
      [optionsFromEnv({ PLAZA_STREAMS_PER_ADDRESS: '0', PLAZA_REPLAY_MAX_EVENTS: '25' }).streamsPerAddress, optionsFromEnv({ PLAZA_REPLAY_MAX_EVENTS: '25' }).replayMaxEvents],
      [0, 25],
    );
  });
});
