import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, resolveOptions } from '../../server/config.ts';
import { silentLogger } from '../../server/log.ts';
import { LIMITS, PROBLEM_TYPES, type CommentThread } from '../../src/core/protocol.ts';
import { call, ok, problem, signIn, threadPath, useTestServer } from './harness.ts';

/**
 * `limits.commentLength` promises UTF-16 code units (what `text.length` and the
 * composer's counter say), so an emoji counts two; and the smallest body size
 * the server accepts fits the longest comment however a client encodes it.
 */
describe('comment length in UTF-16 code units', () => {
  const server = useTestServer();
  const THREAD = threadPath('page:/news/emoji');

  test('5,000 emoji fill 10,000 units and pass; 5,001 are refused on text, as the thread\'s limits say', async () => {
    const cookie = await signIn(server, 'lukas.schneider');
    const page = await ok<CommentThread>(call(server, THREAD));
    assert.equal(page.limits.commentLength, LIMITS.commentLength);
    await ok(call(server, THREAD, { method: 'POST', cookie, json: { text: '😀'.repeat(5_000) } }));
    const over = await problem(call(server, THREAD, { method: 'POST', cookie, json: { text: '😀'.repeat(5_001) } }), 400);
    assert.deepEqual([over.type, over.field], [PROBLEM_TYPES.validation, 'text']);
    assert.match(over.detail ?? '', /10000 characters \(UTF-16 code units/);
    const edit = await problem(call(server, '/activities', { method: 'POST', cookie, json: { text: '😀'.repeat(10_000) } }), 400);
    assert.equal(edit.field, 'text', 'status posts count the same way');
  });
});

describe('PLAZA_MAX_BODY_BYTES fits the longest comment', () => {
  const smallest = (maxCommentLength: number): number => {
    try {
      resolveOptions({ maxCommentLength, maxBodyBytes: 1024 }, silentLogger);
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      return Number(/at least (\d+)/.exec(error.message)?.[1]);
    }
    throw new Error('a 1 KiB body limit was accepted');
  };

  test('the default fits; a limit that only fits plain characters is refused at startup', () => {
    assert.doesNotThrow(() => resolveOptions({}, silentLogger));
    assert.throws(() => resolveOptions({ maxCommentLength: 10_000, maxBodyBytes: 40_000 }, silentLogger), /at least/);
  });

  const length = 1_000;
  const server = useTestServer({ maxCommentLength: length, maxBodyBytes: smallest(length) });

  test('at the smallest accepted limit, a longest comment of 4-byte characters, every one JSON-escaped, with its page, is posted', async () => {
    const cookie = await signIn(server, 'lukas.schneider');
    // What a client that escapes everything outside ASCII (Python's json.dumps, for one) sends.
    const text = '\\ud83d\\ude00'.repeat(length / 2);
    const page = `"page":{"url":"https://intranet.example/${'a'.repeat(1500)}","title":"${'\\u00e4'.repeat(200)}"}`;
    const body = `{"text":"${text}",${page}}`;
    const res = await fetch(server.api + threadPath('page:/news/escaped'), { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body });
    assert.equal(res.status, 201, `${Buffer.byteLength(body)} bytes: ${await res.text()}`);
  });
});
