import assert from 'node:assert/strict';
import { format } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { consoleLogger } from '../../server/log.ts';
import { PROBLEM_TYPES } from '../../src/core/protocol.ts';
import { call, problem, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';

/**
 * A query that fails must not copy what people wrote into the server's log
 * (its parameters, PostgreSQL's "Failing row contains (…)", a value quoted in
 * the message). The log gets the error and a correlation id; the 500 carries
 * the same id, so an operator can find the line a colleague's report is about.
 *
 * The server logs through the production console logger; console.error is
 * captured while the failing request runs.
 */
describe('error logs without user text', () => {
  const SECRET = 'GEHEIM-4711';
  let server: TestServer;
  let cookie: string;
  const logged: string[] = [];
  const original = console.error;

  before(async () => {
    server = await startTestServer({ logger: consoleLogger });
    cookie = await signIn(server, 'ayse.demir');
    // Broken on purpose: an insert of a comment with the secret fails, as a full disk or a bad migration would make it fail.
    await server.db.query(`ALTER TABLE comments ADD CONSTRAINT no_secrets CHECK (position('${SECRET}' in body) = 0)`);
    // And one whose message quotes the value (`invalid input syntax for type integer: "…"`).
    await server.db.query(`ALTER TABLE comments ADD CONSTRAINT no_numbers CHECK (body NOT LIKE 'Zahl:%' OR substr(body, 6)::int > 0)`);
    console.error = (...args: unknown[]) => logged.push(format(...args));
  });
  after(async () => {
    console.error = original;
    await server?.close();
  });

  for (const [what, text] of [
    ['a constraint that names the row', `Mein Gehalt steht in ${SECRET}, bitte nicht weitersagen.`],
    ['a message that quotes the value', `Zahl: ${SECRET} und Frau Demirs Durchwahl`],
  ] as const) {
    test(`a failed write (${what}) logs a correlation id and no text, id or parameter`, async () => {
      logged.length = 0;
      const res = await problem(call(server, threadPath('page:/news/log'), { method: 'POST', cookie, json: { text } }), 500);
      assert.equal(res.type, PROBLEM_TYPES.internal);
      assert.equal(res.detail, undefined, 'nothing internal in the answer');
      const id = (res as { correlationId?: unknown }).correlationId;
      assert.equal(typeof id, 'string', 'the answer carries a correlation id');
      const log = logged.join('\n');
      assert.ok(log.includes(id as string), `the log names the correlation id ${String(id)}:\n${log}`);
      assert.match(log, /POST \/api\/v1\/threads\//, 'and the request');
      assert.match(log, /comments/, 'and what failed');
      for (const leak of [SECRET, 'Gehalt', 'Durchwahl', 'ayse.demir']) assert.ok(!log.includes(leak), `the log contains "${leak}":\n${log}`);
    });
  }

  test('each failure has its own correlation id', async () => {
    const ids = new Set<unknown>();
    for (let i = 0; i < 3; i++) {
      const res = await problem(call(server, threadPath('page:/news/log'), { method: 'POST', cookie, json: { text: `${SECRET} ${i}` } }), 500);
      ids.add((res as { correlationId?: unknown }).correlationId);
    }
    assert.equal(ids.size, 3);
  });
});
