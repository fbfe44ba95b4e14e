// `npm run test:server`: every file under test/server, two at a time, then the few that measure
// the machine one at a time. Two at a time because most files spend their time starting PGlite
// and servers, on two cores (the step took 900 s one file at a time); the files below measure
// memory or timer lateness, which a neighbour would falsify.
// Arguments narrow the run to those files (each still runs in its group).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Files whose assertions are about the process or the clock, not only about behaviour. */
const ALONE = new Set([
  'test/server/event-stream-memory.test.ts', // the server process's RSS
  'test/server/pglite-thread.test.ts', // how late a timer fires while PGlite works
  'test/server/wakeable-loop.test.ts', // how often a loop runs in 130 ms
  'test/server/markdown/nesting.test.ts', // a deeply nested comment parses within a second
]);

const asked = process.argv.slice(2);
const files = (asked.length ? asked : testFiles('test/server')).sort();
const shared = files.filter((file) => !ALONE.has(file));
const alone = files.filter((file) => ALONE.has(file));

let failed = false;
if (shared.length) failed = (await run(shared, 2)) !== 0 || failed;
if (alone.length) failed = (await run(alone, 1)) !== 0 || failed;
process.exitCode = failed ? 1 : 0;

/** @param {string} dir @returns {string[]} */
function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** @param {string[]} list @param {number} concurrency @returns {Promise<number>} */
function run(list, concurrency) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...list], { stdio: 'inherit' });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
