import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Comment } from '../../src/core/protocol.ts';
import { call, ok, reactionPath, signIn, threadPath, useTestServer } from './harness.ts';

/**
 * `Plaza-Event-Id` (server/event-position.ts): every read says where the
 * event log stood when it began, so the realtime hub can start its stream
 * from there (decision 30 in docs/architecture.md).
 */

describe('Plaza-Event-Id on reads', () => {
  const server = useTestServer();
  let anna: string;
  before(async () => {
    anna = await signIn(server, 'anna.lehmann');
  });

  const position = (res: Response) => {
    const value = res.headers.get('plaza-event-id');
    assert.match(value ?? '', /^\d+$/, `${res.status} ${res.url} has no Plaza-Event-Id`);
    return Number(value);
  };

  /** Waits until the bus has delivered past `after`, as a GET sees it. */
  const positionAfter = async (after: number) => {
    for (let i = 0; i < 200; i++) {
      const now = position(await call(server, '/me'));
      if (now > after) return now;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`the event log stayed at ${after}`);
  };

  test('a 304 to If-None-Match carries the position of this read, not only a 200', async () => {
    const key = 'page:/event-position/etag';
    await ok<Comment>(call(server, threadPath(key), { method: 'POST', cookie: anna, json: { text: 'Hallo' } }));
    const first = await call(server, threadPath(key));
    assert.equal(first.status, 200);
    await first.text();
    const etag = first.headers.get('etag');
    assert.ok(etag, 'thread pages send an ETag');
    const read = position(first);

    // A change elsewhere moves the log on but leaves this page (and its ETag) as it was.
    await ok(call(server, reactionPath('page:/event-position/elsewhere', 'like'), { method: 'PUT', cookie: anna }));
    const moved = await positionAfter(read);

    const notModified = await call(server, threadPath(key), { headers: { 'if-none-match': etag } });
    assert.equal(notModified.status, 304);
    assert.equal(notModified.headers.get('etag'), etag);
    assert.ok(position(notModified) >= moved, 'the 304 says the copy is as new as this read');
  });

  test('writes and refused reads carry no position', async () => {
    const put = await call(server, reactionPath('page:/event-position/write', 'like'), { method: 'PUT', cookie: anna });
    assert.equal(put.status, 200);
    assert.equal(put.headers.get('plaza-event-id'), null);
    const missing = await call(server, '/people/nobody.here');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('plaza-event-id'), null);
  });
});
