import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { RealtimePoll } from '../../src/core/protocol.ts';
import { call, ok, signIn, startTestServer, threadPath, useTestServer } from './harness.ts';
import { isEvent, openSse } from './sse.ts';

describe('a replay returns at most PLAZA_REPLAY_MAX_EVENTS; a reader further behind is told to reload', () => {
  const server = useTestServer({ replayMaxEvents: 5 });
  const key = 'page:/news/replay-cap';
  const topic = encodeURIComponent(`comments:${key}`);
  let ids: number[] = [];

  test('a poll from the start of the log answers reset instead of the events', async () => {
    const cookie = await signIn(server, 'anna.lehmann');
    for (let i = 0; i < 8; i++) await ok(call(server, threadPath(key), { method: 'POST', cookie, json: { text: `Nummer ${i}` } }));
    const poll = await ok<RealtimePoll>(call(server, `/events/poll?topics=${topic}&after=0`));
    assert.equal(poll.reset, true);
    assert.deepEqual(poll.events, []);
    const [row] = await server.db.query<{ id: number }>(`SELECT max(id)::float8 AS id FROM events WHERE topic = $1`, [`comments:${key}`]);
    assert.ok(Number(poll.lastEventId) >= row!.id, 'goes on after the newest event');
    ids = (await server.db.query<{ id: number }>(`SELECT id::float8 AS id FROM events WHERE topic = $1 ORDER BY id`, [`comments:${key}`])).map((r) => r.id);
  });

  test('a poll within the cap gets its events, without reset', async () => {
    const poll = await ok<RealtimePoll>(call(server, `/events/poll?topics=${topic}&after=${ids[ids.length - 4]}`));
    assert.equal(poll.reset, undefined);
    assert.deepEqual(poll.events.map((e) => Number(e.id)), ids.slice(-3));
  });

  test('a stream resuming from Last-Event-ID 0 gets `reset` (with the id to go on from) and no replayed events, then live ones', async () => {
    const cookie = await signIn(server, 'jonas.richter');
    const sse = await openSse(`${server.api}/events?topics=${topic}`, { 'last-event-id': '0' });
    const reset = await sse.next((m) => m.event === 'reset');
    assert.ok(Number(reset.id) >= ids[ids.length - 1]!);
    await ok(call(server, threadPath(key), { method: 'POST', cookie, json: { text: 'Live danach' } }));
    const live = await sse.next((m) => m.event === 'comment.created');
    assert.match(live.data ?? '', /Live danach/);
    assert.equal(sse.messages.filter(isEvent).filter((m) => m.event !== 'reset').length, 1, 'nothing replayed');
    sse.close();
  });
});

describe('a client resuming from before the oldest event the log still keeps', () => {
  test('is told to reset, on the stream and when polling, however few events are left after it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plaza-pruned-'));
    const key = 'page:/news/pruned';
    const topic = encodeURIComponent(`comments:${key}`);
    try {
      let server = await startTestServer({ dataDir });
      const cookie = await signIn(server, 'anna.lehmann');
      for (let i = 0; i < 3; i++) await ok(call(server, threadPath(key), { method: 'POST', cookie, json: { text: `Nummer ${i}` } }));
      const ids = (await server.db.query<{ id: number }>(`SELECT id::float8 AS id FROM events WHERE topic = $1 ORDER BY id`, [`comments:${key}`])).map((r) => r.id);
      // What pruning does to a day-old log: the oldest events go (the server prunes at start and every ten minutes).
      await server.db.query('DELETE FROM events WHERE id <= $1', [ids[1]! - 1]);
      await server.close();
      server = await startTestServer({ dataDir, seed: 'none' });
      try {
        const poll = await ok<RealtimePoll>(call(server, `/events/poll?topics=${topic}&after=${ids[0]! - 1}`));
        assert.equal(poll.reset, true, 'the first comment was pruned: the client must reload');
        const sse = await openSse(`${server.api}/events?topics=${topic}`, { 'last-event-id': String(ids[0]! - 1) });
        await sse.next((m) => m.event === 'reset');
        sse.close();
        const fine = await ok<RealtimePoll>(call(server, `/events/poll?topics=${topic}&after=${ids[1]! - 1}`));
        assert.deepEqual([fine.reset, fine.events.map((e) => Number(e.id))], [undefined, ids.slice(1)]);
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
