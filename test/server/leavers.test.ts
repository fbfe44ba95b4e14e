import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { topics, type Comment, type RealtimeEvent } from '../../src/core/protocol.ts';
import type { Queryable } from '../../server/db.ts';
import { silentLogger } from '../../server/log.ts';
import { startPlaza, type RunningPlaza } from '../../server/start.ts';
import { plaza } from './plaza-cli.ts';
import { freshDatabase, skipPostgres } from './postgres-server.ts';
import { isEvent, openSse } from './sse.ts';

/** The directory as an HR export (Name, E-Mail), without `leaving`; `rename` changes names on the way. */
async function hrExport(db: Queryable, leaving: readonly string[], rename: Record<string, string> = {}): Promise<string> {
  const people = await db.query<{ id: string; name: string; email: string }>(
    `SELECT id, name, email FROM people WHERE email IS NOT NULL AND lower(split_part(email, '@', 1)) = id ORDER BY id`,
  );
  const rows = people.filter((person) => !leaving.includes(person.id)).map((person) => `"${rename[person.id] ?? person.name}",${person.email}`);
  return `Name,E-Mail\n${rows.join('\n')}\n`;
}

describe('leavers: plaza import-people --remove-missing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plaza-leavers-'));
  const config = join(dir, 'empty.config.json');
  writeFileSync(config, '{}');
  const env = { PLAZA_DATA_DIR: join(dir, 'data'), PLAZA_CONFIG: config, PLAZA_PGLITE_FSYNC: 'off' };
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  let everyone = '';
  let withoutTwo = '';
  before(async () => {
    const server = await startPlaza({ port: 0, host: '127.0.0.1', dataDir: env.PLAZA_DATA_DIR, pgliteFsync: false, seed: 'demo', logger: silentLogger });
    everyone = await hrExport(server.db, []);
    withoutTwo = await hrExport(server.db, ['niklas.braun', 'heike.wolf']);
    await server.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a dry run names who would go; the real run erases them in batches and says what went', async () => {
    const path = file('without-two.csv', withoutTwo);
    const dry = await plaza(['import-people', path, '--remove-missing', '--dry-run'], env);
    assert.equal(dry.code, 0, dry.stdout + dry.stderr);
    assert.match(dry.stdout, /It would erase 2 people missing from the file \(PLAZA_ERASE_MODE=anonymise\): Heike Wolf \(heike\.wolf\), Niklas Braun \(niklas\.braun\)\./);

    const real = await plaza(['import-people', path, '--remove-missing', '--batch-size', '1'], env);
    assert.equal(real.code, 0, real.stdout + real.stderr);
    assert.match(real.stdout, /erased 1 of 2\n {2}erased 2 of 2\n/);
    assert.match(real.stdout, /Erased 2 people missing from the file \(PLAZA_ERASE_MODE=anonymise\): \d+ comments kept without author/);
    const again = await plaza(['import-people', path, '--remove-missing', '--dry-run'], env);
    assert.match(again.stdout, /Nobody is missing from the file\./);
  });

  test('a truncated or empty file erases nobody without --force', async () => {
    const lines = everyone.trim().split('\n');
    const half = file('half.csv', `${lines.slice(0, Math.ceil(lines.length / 2)).join('\n')}\n`);
    const refused = await plaza(['import-people', half, '--remove-missing'], env);
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /people \(\d+ %\) are missing from the file, more than 10 %: is the file complete\? Nothing was imported or erased\. .*--force/);
    const empty = await plaza(['import-people', file('empty.csv', 'Name,E-Mail\n'), '--remove-missing'], env);
    assert.equal(empty.code, 1, empty.stdout + empty.stderr);
    assert.match(empty.stderr, /the file lists nobody, so everyone \(\d+\) would be erased/);
    const dry = await plaza(['import-people', half, '--remove-missing', '--dry-run'], env);
    assert.equal(dry.code, 0);
    assert.match(dry.stdout, /Without --force, the import would refuse/);
    const forced = await plaza(['import-people', half, '--remove-missing', '--force'], env);
    assert.equal(forced.code, 0, forced.stdout + forced.stderr);
    assert.match(forced.stdout, /Erased \d+ people missing from the file/);
  });
});

describe('leavers and renames on PostgreSQL reach open pages', { skip: skipPostgres }, () => {
  let server: RunningPlaza | undefined;
  after(() => server?.close());

  test('the servers announce the erased (person.erased, their comments without author) and the renamed (person.updated)', async () => {
    const databaseUrl = await freshDatabase();
    server = await startPlaza({ port: 0, host: '127.0.0.1', databaseUrl, seed: 'demo', logger: silentLogger });
    const api = `${server.url}api/v1`;
    const key = 'page:/news/abschied';
    const login = await fetch(`${api}/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'niklas.braun' }) });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const posted = await fetch(`${api}/threads/${encodeURIComponent(key)}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ text: 'Mein letzter Tag.' }),
    });
    const comment = (await posted.json()) as Comment;
    const dir = mkdtempSync(join(tmpdir(), 'plaza-leavers-pg-'));
    const query = [topics.comments(key), topics.person('niklas.braun'), topics.person('lea.neumann')].map((t) => `topics=${encodeURIComponent(t)}`).join('&');
    const stream = await openSse(`${api}/events?${query}`);
    try {
      await stream.next((m) => m.retry !== undefined);
      const config = join(dir, 'empty.config.json');
      writeFileSync(config, '{}');
      const csv = join(dir, 'hr.csv');
      writeFileSync(csv, await hrExport(server.db, ['niklas.braun'], { 'lea.neumann': 'Lea Neumann-Berg' }));
      const run = await plaza(['import-people', csv, '--remove-missing'], { DATABASE_URL: databaseUrl, PLAZA_CONFIG: config });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /Erased one person missing from the file/);

      const data = (name: string) => async () => JSON.parse((await stream.next((m) => m.event === name, 10_000)).data!) as RealtimeEvent;
      const renamed = await data('person.updated')();
      assert.ok(renamed.type === 'person.updated' && renamed.person.id === 'lea.neumann' && renamed.person.name === 'Lea Neumann-Berg');
      const erased = await data('person.erased')();
      assert.deepEqual(erased, { type: 'person.erased', topic: topics.person('niklas.braun'), person: 'niklas.braun' });
      const updated = stream.messages.filter(isEvent).filter((m) => m.event === 'comment.updated').map((m) => JSON.parse(m.data!) as RealtimeEvent);
      assert.ok(updated.some((event) => event.type === 'comment.updated' && event.comment.id === comment.id && event.comment.author === null));
    } finally {
      stream.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
