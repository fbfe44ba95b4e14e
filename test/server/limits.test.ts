import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConfigError, optionsFromEnv, resolveOptions } from '../../server/config.ts';
import { silentLogger } from '../../server/log.ts';
import { RateLimiter } from '../../server/middleware/rate-limiters.ts';
import { PROBLEM_TYPES, type Comment, type CommentThread } from '../../src/core/protocol.ts';
import { call, ok, problem, rowCounts, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';

describe('limits (a server configured tight)', () => {
  let server: TestServer;
  let cookie: string;
  before(async () => {
    server = await startTestServer({ maxCommentLength: 200, maxMentions: 2, maxBodyBytes: 6144, rateLimit: 40, writeRateLimit: 12 });
    cookie = await signIn(server, 'thomas.becker');
  });
  after(async () => {
    await server.close();
    assert.deepEqual(server.errors, []);
  });

  const post = (text: string, as = cookie) => call(server, threadPath('page:/news/limits'), { method: 'POST', cookie: as, json: { text } });

  test('comment length: the configured maximum passes, one more is a 400 on text; the thread tells the composer', async () => {
    await ok(post('x'.repeat(200)));
    const before = await rowCounts(server);
    const p = await problem(post('x'.repeat(201)), 400);
    assert.deepEqual([p.type, p.field], [PROBLEM_TYPES.validation, 'text']);
    assert.deepEqual(await rowCounts(server), before);
    const page = await ok<CommentThread>(call(server, threadPath('page:/news/limits')));
    assert.deepEqual(page.limits, { commentLength: 200, mentionsPerComment: 2 });
  });

  test('mentions: distinct people count, code does not, and a mention must name someone', async () => {
    const two = await ok<Comment>(post('@[Anna](person:anna.lehmann) @[Jonas](person:jonas.richter) @[Anna](person:anna.lehmann)'));
    assert.deepEqual(two.mentions, ['anna.lehmann', 'jonas.richter']);
    const three = await problem(post('@[A](person:anna.lehmann) @[J](person:jonas.richter) @[L](person:lea.neumann)'), 400);
    assert.deepEqual([three.type, three.field], [PROBLEM_TYPES.validation, 'text']);
    const code = await ok<Comment>(post('So erwähnt man: `@[Max](person:max.mustermann)`\n```\n@[Max](person:max.mustermann)\n```'));
    assert.deepEqual(code.mentions, [], 'mentions in code are text');
    const unknown = await problem(post('Hallo @[Max](person:max.mustermann)'), 400);
    assert.deepEqual([unknown.type, unknown.field], [PROBLEM_TYPES.unknownMention, 'text']);
    assert.match(unknown.detail ?? '', /max\.mustermann/);
  });

  test('body size: over the limit is a 413, with or without Content-Length', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(7000) });
    const url = `${server.api}${threadPath('page:/news/limits')}`;
    const headers = { cookie, 'content-type': 'application/json' };
    const before = await rowCounts(server);
    const sized = await problem(fetch(url, { method: 'POST', headers, body: big }), 413);
    assert.equal(sized.type, PROBLEM_TYPES.tooLarge);
    // A streamed body has no Content-Length: the limit counts the bytes as they come.
    const streamed = await fetch(url, { method: 'POST', headers, body: new Blob([big]).stream(), duplex: 'half' } as RequestInit);
    assert.equal((await problem(streamed, 413)).type, PROBLEM_TYPES.tooLarge);
    assert.deepEqual(await rowCounts(server), before);
  });

  test('writes per user per minute: then 429 with Retry-After; reading and other people go on', async () => {
    const writer = await signIn(server, 'markus.wagner');
    let refused: Response | undefined;
    for (let i = 0; i < 13 && !refused; i++) {
      const res = await post(`Beitrag ${i}`, writer);
      if (res.status === 429) refused = res;
      else await ok(res);
    }
    assert.ok(refused, 'the thirteenth write is refused');
    assert.match(refused.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    assert.equal((await problem(refused, 429)).type, PROBLEM_TYPES.rateLimited);
    await ok(call(server, threadPath('page:/news/limits'), { cookie: writer }));
    await ok(post('Ich darf noch', await signIn(server, 'petra.schulz')));
  });

  test('requests per user per minute, reads included', async () => {
    const reader = await signIn(server, 'ursula.walter');
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) statuses.push((await call(server, '/me', { cookie: reader })).status);
    assert.deepEqual([statuses.slice(0, 40).every((s) => s === 200), statuses[40]], [true, 429]);
  });
});

describe('limit settings', () => {
  test('a token bucket refills over the minute', () => {
    const limiter = new RateLimiter(60);
    const t = 1_000_000;
    for (let i = 0; i < 60; i++) assert.equal(limiter.take('u', t), 0);
    assert.equal(limiter.take('u', t), 1, 'one token a second');
    assert.equal(limiter.take('u', t + 1000), 0);
    assert.equal(limiter.take('other', t), 0, 'per user');
  });

  test('are read from the environment and checked at startup', () => {
    const env = {
      PLAZA_MAX_COMMENT_LENGTH: '2000',
      PLAZA_MAX_MENTIONS: '5',
      PLAZA_MAX_BODY_BYTES: '16384',
      PLAZA_RATE_LIMIT: '0',
      PLAZA_WRITE_RATE_LIMIT: '10',
      PLAZA_ERASE_MODE: 'delete',
    };
    const options = resolveOptions(optionsFromEnv(env), silentLogger);
    assert.deepEqual(
      [options.maxCommentLength, options.maxMentions, options.maxBodyBytes, options.rateLimit, options.writeRateLimit, options.eraseMode],
      [2000, 5, 16384, 0, 10, 'delete'],
    );
    const defaults = resolveOptions(optionsFromEnv({}), silentLogger);
    assert.deepEqual([defaults.maxCommentLength, defaults.maxMentions, defaults.maxBodyBytes, defaults.eraseMode], [10_000, 20, 65_536, 'anonymise']);
    assert.throws(() => optionsFromEnv({ PLAZA_RATE_LIMIT: 'many' }), ConfigError);
    assert.throws(() => optionsFromEnv({ PLAZA_MAX_COMMENT_LENGTH: '0' }), ConfigError);
    assert.throws(() => optionsFromEnv({ PLAZA_ERASE_MODE: 'forget' }), ConfigError);
    assert.throws(() => resolveOptions(optionsFromEnv({ PLAZA_MAX_BODY_BYTES: '4096' }), silentLogger), /at least 64096/);
  });
});
