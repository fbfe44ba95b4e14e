import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { signIn, startTestServer, type TestServer } from './harness.ts';
import { freshDatabase } from './postgres-server.ts';
import type { SseClient } from './sse.ts';

export interface TwoInstances {
  a: TestServer;
  b: TestServer;
  databaseUrl: string;
  /** Jonas Richter, signed in on A. */
  cookie: string;
}

/**
 * For a suite: two instances on one fresh PostgreSQL database, without rate limits, handed to
 * `take` before the tests; afterwards the suite's `streams` are closed, both instances stopped,
 * and an error either of them logged fails the suite.
 */
export function twoInstancesOnPostgres(streams: SseClient[], take: (pair: TwoInstances) => void): void {
  let pair: TwoInstances | undefined;
  before(async () => {
    const databaseUrl = await freshDatabase();
    const a = await startTestServer({ databaseUrl, rateLimit: 0, writeRateLimit: 0 });
    const b = await startTestServer({ databaseUrl, rateLimit: 0, writeRateLimit: 0 });
    pair = { a, b, databaseUrl, cookie: await signIn(a, 'jonas.richter') };
    take(pair);
  });
  after(async () => {
    for (const stream of streams) stream.close();
    await Promise.all([pair?.a.close(), pair?.b.close()]);
    assert.deepEqual([...(pair?.a.errors ?? []), ...(pair?.b.errors ?? [])], []);
  });
}
