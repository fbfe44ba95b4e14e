import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { startServerProcess, type ServerProcess } from '../../../scripts/server-process.mjs';
import { openDatabase } from '../../../server/db.ts';
import { silentLogger } from '../../../server/log.ts';
import { migrate } from '../../../server/migrate.ts';
import { freshDatabase, skipPostgres } from '../postgres-server.ts';
import { queueMail, waitUntil } from './fixtures.ts';
import { SmtpReceiver } from './smtp-receiver.ts';

/**
 * A server killed with -9 in the middle of sending a queued mail: the row
 * stays claimed ('sending') in the database; after a restart, once its lease
 * ran out, the mail is sent, once.
 */
describe('kill -9 between queueing and sending', () => {
  const folders: string[] = [];
  const servers: ServerProcess[] = [];
  let smtp: SmtpReceiver | undefined;
  after(async () => {
    for (const server of servers) await server.kill();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    await smtp?.close();
  });

  const crashAndRestart = async (dataDir: string, databaseUrl?: string) => {
    smtp = await SmtpReceiver.start();
    // Queued while no server runs, as a write's transaction would have left it.
    const db = await openDatabase({ dataDir, databaseUrl, poolSize: 2, pgliteFsync: true, logger: silentLogger });
    await migrate(db);
    await queueMail(db, 'ayse.demir', 'crash:mention:1', {
      recipient: { name: 'Ayşe Demir', email: 'ayse.demir@intranet.example', locale: 'de' },
      kind: 'mention',
      targetTitle: 'Absturz',
    });
    await db.close();

    const env: Record<string, string> = {
      PLAZA_SMTP_URL: smtp.url,
      PLAZA_MAIL_FROM: 'plaza@intranet.example',
      PLAZA_PUBLIC_URL: 'https://intranet.example/',
      PLAZA_DELIVERY_LEASE_SECONDS: '2',
      PLAZA_SEED: 'none',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    };
    // The SMTP server takes the connection but does not greet: the send is under way when the kill comes.
    smtp.hold(true);
    const first = await startServerProcess({ dataDir, env });
    servers.push(first);
    await waitUntil(() => smtp!.connections > 0, 20_000, () => `the first server did not begin to send; output:\n${first.output()}`);
    assert.equal(smtp.connections, 1);
    await first.kill('SIGKILL');
    smtp.hold(false);
    assert.equal(smtp.mails.length, 0);

    const second = await startServerProcess({ dataDir, env });
    servers.push(second);
    await smtp.waitFor(1, 30_000);
    // Longer than the lease and the poll: a second copy would have come by now.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    assert.equal(smtp.mails.length, 1, 'sent exactly once');
    assert.equal(smtp.mails[0]!.subject, 'Jonas Richter hat Sie in „Absturz“ erwähnt');
    assert.equal(await second.stop(), 0, second.output());
  };

  test('PGlite: the mail goes out once after the restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plaza-outbox-crash-'));
    folders.push(dataDir);
    await crashAndRestart(dataDir);
  });

  test('PostgreSQL: the same', { skip: skipPostgres }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plaza-outbox-crash-'));
    folders.push(dataDir);
    await smtp?.close();
    await crashAndRestart(dataDir, await freshDatabase());
  });
});
