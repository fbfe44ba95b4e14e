import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { silentLogger } from '../../server/log.ts';
import { startPlaza, type RunningPlaza } from '../../server/start.ts';
import { plaza } from './plaza-cli.ts';

/**
 * Issue 16, item 19: an operator checks an HR export while the embedded-database
 * server runs. A dry run writes nothing, so it must not need the data folder's
 * lock: it checks the file by itself and says what it could not compare.
 */
describe('plaza import-people --dry-run while the server holds the data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plaza-dry-run-'));
  const config = join(dir, 'empty.config.json');
  writeFileSync(config, '{}');
  const env = { PLAZA_DATA_DIR: join(dir, 'data'), PLAZA_CONFIG: config, PLAZA_PGLITE_FSYNC: 'off' };
  let server: RunningPlaza;
  before(async () => {
    server = await startPlaza({ port: 0, host: '127.0.0.1', dataDir: env.PLAZA_DATA_DIR, pgliteFsync: false, seed: 'demo', logger: silentLogger });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a good file: checked, nothing written, and the output says what was not compared and how to compare it', async () => {
    const path = join(dir, 'neu.csv');
    // Managers: one in the file, one only in the directory by id, one only in the directory by e-mail.
    writeFileSync(
      path,
      'Name;E-Mail;Vorgesetzte(r)\n' +
        'Nora Neu;nora.neu@firma.example;paul.probe\n' +
        'Paul Probe;paul.probe@firma.example;juergen.mueller\n' +
        'Rita Rand;rita.rand@firma.example;ayse.demir@firma.example\n',
    );
    const run = await plaza(['import-people', path, '--dry-run'], env);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /3 people/);
    assert.match(run.stdout, /Dry run, nothing was written\. The file has no problems: 3 people\./);
    assert.match(run.stdout, new RegExp(`in use by process ${process.pid}`));
    assert.match(run.stdout, /not compared with the directory/);
    assert.match(run.stdout, /juergen\.mueller, ayse\.demir@firma\.example/, 'names the managers it could not look up');
    assert.match(run.stdout, /stop the server/i, 'says how to get the full comparison');
    assert.equal((await fetch(`${server.url}api/v1/people/nora.neu`)).status, 404, 'nothing was written');
  });

  test('a bad file: its problems, exit code 1, and still nothing written', async () => {
    const path = join(dir, 'kaputt.csv');
    writeFileSync(path, 'Name,E-Mail,Manager\nBerta Bad,berta@,\nSelma Selbst,selma@firma.example,selma\n');
    const run = await plaza(['import-people', path, '--dry-run'], env);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /2 problems; nothing was imported/);
    assert.match(run.stderr, /line 2, E-Mail: "berta@" is not an e-mail address/);
    assert.match(run.stderr, /line 3, Manager: is the person themself/);
  });

  test('a real import is still refused, and the message says how to check the file meanwhile', async () => {
    const path = join(dir, 'neu.csv');
    const run = await plaza(['import-people', path], env);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, new RegExp(`is in use by process ${process.pid}\\. Stop that server first`));
    assert.match(run.stderr, /--dry-run checks the file while the server runs/);
  });
});
