import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadOptions } from '../../server/config-file.ts';

/**
 * Issue 16, item 21: docs/server.md promised `unknown key "prot" (did you mean
 * "port"?)`, and a typo in a PLAZA_* variable was ignored without a word.
 */
describe('a mistyped setting is named with the one it probably meant', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plaza-typos-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function fileError(content: unknown): string {
    const path = join(dir, 'plaza.config.json');
    writeFileSync(path, JSON.stringify(content));
    try {
      loadOptions({}, dir);
    } catch (error) {
      return (error as Error).message;
    }
    return 'no error';
  }

  test('in plaza.config.json: letters swapped, dropped, added or changed', () => {
    assert.match(fileError({ prot: 8787 }), /unknown key "prot" \(did you mean "port"\?\)\. Known keys: port, host/);
    assert.match(fileError({ dataDri: 'data' }), /unknown key "dataDri" \(did you mean "dataDir"\?\)/);
    assert.match(fileError({ corsOrigin: [] }), /unknown key "corsOrigin" \(did you mean "corsOrigins"\?\)/);
    assert.match(fileError({ maxBodyByte: 1 }), /did you mean "maxBodyBytes"/);
    assert.match(fileError({ database: 'x' }), /unknown key "database"\. Known keys/, 'no guess when nothing is close');
  });

  test('in the environment: the server starts, and says which PLAZA_* variable it ignored and what was meant', async () => {
    const server = join(fileURLToPath(new URL('../../server/main.ts', import.meta.url)));
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PLAZA_') && key !== 'DATABASE_URL'));
    writeFileSync(join(dir, 'empty.json'), '{}');
    const child = spawn(process.execPath, ['--import', 'tsx', server], {
      env: {
        ...inherited,
        PORT: '0',
        HOST: '127.0.0.1',
        PLAZA_CONFIG: join(dir, 'empty.json'),
        PLAZA_DATA_DIR: 'memory://',
        PLAZA_SEED: 'none',
        PLAZA_CORS_ORIGIN: 'https://intranet.example',
        PLAZA_SOMETHING_ELSE: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 60_000;
      while (!/listening on/.test(output) && child.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.match(output, /listening on/, output);
      assert.match(output, /Warning: PLAZA_CORS_ORIGIN is not a Plaza setting and is ignored \(did you mean PLAZA_CORS_ORIGINS\?\)/);
      assert.match(output, /Warning: PLAZA_SOMETHING_ELSE is not a Plaza setting and is ignored\. The settings/);
      assert.doesNotMatch(output, /PLAZA_CONFIG|PLAZA_DATA_DIR|PLAZA_SEED/, 'real settings are not warned about');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
