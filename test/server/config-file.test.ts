import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CONFIG_KEYS, loadOptions } from '../../server/config-file.ts';
import { ConfigError, optionsFromEnv } from '../../server/config.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('plaza.config.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plaza-config-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes `content` (JSON unless a string) into a fresh folder and returns that folder and the file's path. */
  let count = 0;
  const write = (content: unknown, name = 'plaza.config.json') => {
    const folder = join(dir, String(++count));
    mkdirSync(folder);
    const path = join(folder, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return { folder, path };
  };
  const failure = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      assert.ok(error instanceof ConfigError, `a ConfigError, got ${String(error)}`);
      return error.message;
    }
    assert.fail('no ConfigError');
  };

  test('without a file, the environment alone decides (as before)', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const env = { PORT: '9001', PLAZA_SEED: 'none' };
    assert.deepEqual(loadOptions(env, empty), optionsFromEnv(env));
  });

  test('./plaza.config.json is read when present; every kind of value', () => {
    const { folder } = write({
      port: 9000,
      host: '127.0.0.1',
      pgliteFsync: false,
      seed: 'none',
      corsOrigins: ['https://intranet.example/', 'https://cms.example:8443'],
      reactionKinds: ['like', 'thanks'],
      maxCommentLength: 2000,
      rateLimit: 0,
      eraseMode: 'delete',
      databaseUrl: null,
    });
    const options = loadOptions({}, folder);
    assert.equal(options.port, 9000);
    assert.equal(options.host, '127.0.0.1');
    assert.equal(options.pgliteFsync, false);
    assert.equal(options.seed, 'none');
    assert.deepEqual(options.corsOrigins, ['https://intranet.example', 'https://cms.example:8443']);
    assert.deepEqual(options.reactionKinds, ['like', 'thanks']);
    assert.equal(options.maxCommentLength, 2000);
    assert.equal(options.rateLimit, 0);
    assert.equal(options.eraseMode, 'delete');
    assert.equal(options.databaseUrl, undefined, 'null means not set');
    assert.equal(options.auth, 'dev', 'the default where neither says anything');
    assert.equal(options.maxMentions, undefined, 'left to resolveOptions\' default');
  });

  test('environment over file over defaults; a blank variable counts as unset', () => {
    const { folder } = write({ port: 9000, seed: 'none', auth: 'none' });
    const options = loadOptions({ PORT: '9100', PLAZA_SEED: '  ' }, folder);
    assert.equal(options.port, 9100, 'the environment wins');
    assert.equal(options.seed, 'none', 'a blank variable does not hide the file');
    assert.equal(options.auth, 'none');
    assert.equal(options.host, '0.0.0.0', 'the default');
  });

  test('PLAZA_CONFIG names another file, which must then exist; a relative dataDir is relative to the file', () => {
    const { path, folder } = write({ dataDir: 'plaza-data' }, 'elsewhere.json');
    assert.equal(loadOptions({ PLAZA_CONFIG: path }, dir).dataDir, join(folder, 'plaza-data'));
    assert.equal(loadOptions({ PLAZA_CONFIG: path, PLAZA_DATA_DIR: 'env-data' }, dir).dataDir, 'env-data', 'the variable as given');
    const memory = write({ dataDir: 'memory://' });
    assert.equal(loadOptions({}, memory.folder).dataDir, 'memory://');
    assert.match(failure(() => loadOptions({ PLAZA_CONFIG: join(dir, 'missing.json') }, dir)), /PLAZA_CONFIG: cannot read .*missing\.json \(ENOENT\)/);
  });

  test('unknown keys, wrong types and bad values fail, naming the file and the key', () => {
    const check = (content: unknown, pattern: RegExp) => {
      const { folder, path } = write(content);
      const message = failure(() => loadOptions({}, folder));
      assert.match(message, pattern);
      assert.ok(message.includes(path), `names the file: ${message}`);
    };
    check({ zzz: 8787 }, /unknown key "zzz"\. Known keys: port, host/);
    check({ PORT: 8787 }, /unknown key "PORT" \(did you mean "port"\?\)/);
    check({ max_body_bytes: 1 }, /did you mean "maxBodyBytes"/);
    check({ port: '8787' }, /"port" must be a number, got "8787"/);
    check({ pgliteFsync: 'off' }, /"pgliteFsync" must be true or false/);
    check({ corsOrigins: 'https://a.example' }, /"corsOrigins" must be an array of strings/);
    check({ corsOrigins: ['https://a.example,https://b.example'] }, /without commas/);
    check({ reactionKinds: [] }, /"reactionKinds" must be a non-empty array/);
    check({ host: '' }, /"host" must be a non-empty string/);
    check({ port: 70_000 }, /: "port" must be 0…65535, got "70000"/);
    check({ rateLimit: 1.5 }, /"rateLimit" must be a whole number/);
    check({ auth: 'ldap' }, /"auth" must be one of dev, .*got "ldap"/);
    check({ corsOrigins: ['*'] }, /"corsOrigins" cannot be "\*"/);
    check({ maxBodyBytes: 4096 }, /"maxBodyBytes" \(4096\) is too small/);
    check('{"port": 8787,}', /is not valid JSON/);
    check('[]', /must hold one JSON object/);
  });

  test('a bad environment variable is still named as the variable', () => {
    const { folder } = write({ port: 9000 });
    assert.match(failure(() => loadOptions({ PLAZA_RATE_LIMIT: 'many' }, folder)), /^PLAZA_RATE_LIMIT must be/);
  });

  test('a UTF-8 byte order mark (Windows editors) is fine', () => {
    const { folder } = write('\uFEFF{"port": 9002}');
    assert.equal(loadOptions({}, folder).port, 9002);
  });

  test('every setting an environment variable makes has a key (a new variable needs a row in CONFIG_KEYS)', () => {
    const fromEnv = new Set([...Object.keys(optionsFromEnv({})), 'reactionKinds']);
    assert.deepEqual([...fromEnv].filter((key) => !(key in CONFIG_KEYS)), []);
    for (const [key, { env }] of Object.entries(CONFIG_KEYS)) {
      assert.ok(fromEnv.has(key), `${key} is an option optionsFromEnv sets`);
      assert.notEqual(env, '', key);
    }
  });

  test('each key stands for the variable optionsFromEnv reads for that option', () => {
    const special: Record<string, string> = {
      auth: 'none',
      seed: 'none',
      eraseMode: 'delete',
      userIdFormat: 'exact',
      databaseUrl: 'postgres://db/plaza',
      corsOrigins: 'https://intranet.example',
      streamBacklogBytes: '131072',
      webhooks: '[{"url": "https://hooks.example/a", "secret": "0123456789abcdef", "events": ["*"]}]',
    };
    const sample: Record<string, string> = { number: '1024', boolean: 'off', string: 'x', list: 'a', 'list+': 'a' };
    const defaults = optionsFromEnv({}) as Record<string, unknown>;
    for (const [key, { env, kind }] of Object.entries(CONFIG_KEYS)) {
      const set = optionsFromEnv({ [env]: special[key] ?? sample[kind]! }) as Record<string, unknown>;
      assert.notDeepEqual(set[key], defaults[key], `${env} sets ${key}`);
    }
  });

  test('the server refuses to start on a bad file (exit code 1, one clear line)', () => {
    const { path } = write({ prot: 1 });
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PLAZA_CONFIG: path, PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /^Plaza: .*plaza\.config\.json: unknown key "prot"/m);
  });
});
