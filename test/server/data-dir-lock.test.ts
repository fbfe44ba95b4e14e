import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LOCK_FILE } from '../../server/db/lock.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONTENDERS = 4;
const TRIALS = 40;
/** A pid nobody has: the lock of a server that crashed. */
const DEAD_PID = '2147483646';

/** A process running lock-contender.ts; `ask` sends a line and resolves to its answer. */
interface Contender {
  child: ChildProcessWithoutNullStreams;
  ask(line: string): Promise<string>;
}

function startContender(): Contender {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/server/lock-contender.ts'], { cwd: ROOT });
  const lines: Interface = createInterface({ input: child.stdout });
  const waiting: Array<(line: string) => void> = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  return {
    child,
    ask(line) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to "${line}" within 30 s`)), 30_000);
        waiting.push((answer) => {
          clearTimeout(timer);
          resolve(answer);
        });
        child.stdin.write(`${line}\n`);
      });
    },
  };
}

describe('the data folder lock between processes', () => {
  const root = mkdtempSync(join(tmpdir(), 'plaza-lock-'));
  let contenders: Contender[] = [];
  before(async () => {
    contenders = Array.from({ length: CONTENDERS }, startContender);
    // Warm up: every contender has loaded the module before the first trial starts.
    const warm = join(root, 'warm-up');
    for (const contender of contenders) {
      assert.equal(await contender.ask(`lock ${warm}`), 'held');
      assert.equal(await contender.ask('release'), 'released');
    }
  });
  after(() => {
    for (const { child } of contenders) child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  test(`${CONTENDERS} processes asking at once: exactly one holds the folder, ${TRIALS} times, with and without a stale lock`, async (t) => {
    const doubles: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const folder = join(root, `trial-${trial}`);
      // Every other trial starts from a lock left by a crashed server, which exactly one contender may take over.
      const stale = trial % 2 === 1;
      if (stale) {
        mkdirSync(folder);
        writeFileSync(join(folder, LOCK_FILE), DEAD_PID);
      }
      const answers = await Promise.all(contenders.map((contender) => contender.ask(`lock ${folder}`)));
      const held = answers.filter((answer) => answer === 'held').length;
      for (const answer of answers) if (answer !== 'held') assert.match(answer, /^refused DataDirInUseError/, 'a refusal says the folder is in use');
      if (held !== 1) doubles.push(`trial ${trial}${stale ? ' (stale lock)' : ''}: ${held} held it`);
      await Promise.all(contenders.map((contender) => contender.ask('release')));
      assert.deepEqual(readdirSync(folder), [], `trial ${trial}: nothing of the lock is left behind after the release`);
    }
    t.diagnostic(doubles.join('; ') || 'exactly one holder every time');
    assert.deepEqual(doubles, [], 'exactly one process holds the lock in every trial');
  });
});
