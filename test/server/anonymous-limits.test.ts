import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PROBLEM_TYPES } from '../../src/core/protocol.ts';
import { call, ok, problem, signIn, threadPath, useTestServer } from './harness.ts';

describe('anonymous reads are limited per address (PLAZA_ANONYMOUS_RATE_LIMIT)', () => {
  const server = useTestServer({ anonymousRateLimit: 5 });

  test('the sixth anonymous read in a burst is a 429 with Retry-After; a signed-in reader from the same address is not held up', async () => {
    // Signing in is itself an anonymous request: the first of the five.
    const cookie = await signIn(server, 'anna.lehmann');
    for (let i = 0; i < 4; i++) await ok(call(server, threadPath('page:/news/anonymous-limit')));
    const refused = await call(server, threadPath('page:/news/anonymous-limit'));
    const wait = Number(refused.headers.get('retry-after'));
    assert.ok(wait >= 1 && wait <= 60, `Retry-After ${wait}`);
    const p = await problem(refused, 429);
    assert.equal(p.type, PROBLEM_TYPES.rateLimited);
    await ok(call(server, threadPath('page:/news/anonymous-limit'), { cookie }));
    // Polling for events is a read like any other.
    await problem(call(server, `/events/poll?topics=${encodeURIComponent('comments:page:/news/anonymous-limit')}&after=0`), 429);
  });
});
