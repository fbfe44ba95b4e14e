// `npm test`: every check, streaming its output, going on after a failure so one run shows
// everything. The last line is `N passed, N failed` over all steps (CI reads it); the exit code
// is non-zero if anything failed.
//
// Steps in one group run at the same time (CI has two cores and 30 minutes): only typecheck and
// lint, which share nothing and are one core each. The Chromium and Firefox runs side by side
// took as long as one after the other (437 s against 205 + 228 s; each browser run is CPU-bound)
// and were flakier, so they stay apart (decision 228). The first step of a group streams its
// output; the others' is printed when each has ended, under its own header.
//
// Steps without tests of their own (typecheck, lint, build, size) count as one test each.
// Test steps count their runner's tests; a test step that ran no test, or exited non-zero
// without a failing test to show for it (a crash, a file that did not load), adds a failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @typedef {'wtr' | 'node'} Runner */
/** @typedef {{ name: string, script: string, runner?: Runner }} Step */
/** @type {Step[][]} */
const GROUPS = [
  [
    { name: 'typecheck', script: 'typecheck' },
    { name: 'lint', script: 'lint' },
  ],
  [{ name: 'build', script: 'build' }],
  [{ name: 'browser', script: 'test:browser', runner: 'wtr' }],
  // The same files in Debian's Firefox ESR, which many companies standardise on (docs/browsers.md).
  [{ name: 'browser-firefox', script: 'test:browser:firefox', runner: 'wtr' }],
  [{ name: 'build-unit', script: 'test:build', runner: 'node' }],
  // Alone: it keeps both cores busy by itself (two files at a time, scripts/test-server.mjs).
  [{ name: 'server', script: 'test:server', runner: 'node' }],
  // Against the build step's dist/ (nothing after it writes there).
  [{ name: 'e2e', script: 'test:e2e:built', runner: 'node' }],
  [{ name: 'stories', script: 'test:stories', runner: 'node' }],
  [{ name: 'size', script: 'bench:size' }],
];

const scratch = mkdtempSync(join(tmpdir(), 'plaza-test-all-'));
/** @type {Array<{ name: string, passed: number, failed: number, seconds: number, note: string, failures: string[] }>} */
const results = [];
const startedAll = Date.now();

try {
  // PLAZA_TEST_STEPS=lint,size: only those steps (to try a change to this script without the rest).
  const only = process.env.PLAZA_TEST_STEPS?.split(',');
  for (const all of GROUPS) {
    const group = all.filter((step) => !only || only.includes(step.name));
    const finished = group.map((step, index) => runStep(step, index === 0));
    for (const [index, promise] of finished.entries()) {
      const { result, output } = await promise;
      if (index > 0) {
        console.log(`\n━━━ ${result.name} (ran beside ${group[0]?.name}): its output ━━━`);
        process.stdout.write(output);
      }
      results.push(result);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/**
 * @param {Step} step
 * @param {boolean} live whether its output streams (else it is returned, whole)
 */
async function runStep(step, live) {
  if (live) console.log(`\n━━━ ${step.name}: npm run ${step.script} ━━━`);
  const started = Date.now();
  const summaryFile = join(scratch, `${step.name}.json`);
  const { code, output } = await run(step.script, { PLAZA_TEST_SUMMARY: summaryFile }, live);
  const counted = step.runner ? countTests(step.runner, output, summaryFile) : null;
  let passed = 0;
  let failed = 0;
  let note = '';
  /** @type {string[]} */
  let failures = [];
  if (!counted) {
    if (code === 0) passed = 1;
    else failed = 1;
  } else {
    ({ passed, failed, failures } = counted);
    if (passed + failed === 0) {
      failed = 1;
      note = 'ran no test';
    } else if (code !== 0 && failed === 0) {
      failed = 1;
      note = `exited with ${code} but no test failed`;
    }
  }
  if (code !== 0 && !note) note = `exit code ${code}`;
  return { result: { name: step.name, passed, failed, seconds: (Date.now() - started) / 1000, note, failures }, output };
}

console.log('\n━━━ summary ━━━');
for (const r of results) {
  const status = r.failed ? 'FAIL' : 'ok  ';
  console.log(`${status} ${r.name.padEnd(15)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${r.seconds.toFixed(1).padStart(7)} s  ${r.note}`);
}
// Named here, above the last line, because CI keeps only the tail of a run's output.
for (const r of results.filter((r) => r.failures.length)) {
  console.log(`\nfailed in ${r.name}:`);
  for (const failure of r.failures.slice(0, 20)) console.log(`  ✗ ${failure}`);
  if (r.failures.length > 20) console.log(`  … and ${r.failures.length - 20} more`);
}
console.log(`\nall steps: ${((Date.now() - startedAll) / 1000).toFixed(1)} s (steps in a group overlap)`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;

/**
 * Runs an npm script, passing its output through (live) and keeping the tail for counting, or
 * keeping all of it to print later.
 * @param {string} script
 * @param {Record<string, string>} env
 * @param {boolean} live
 * @returns {Promise<{ code: number, output: string }>}
 */
function run(script, env, live) {
  // Under `npm test`, npm_execpath is npm's own CLI: no PATH lookup, same npm version.
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm, 'run', '--silent', script]] : ['npm', ['run', '--silent', script]];
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    /** @param {NodeJS.WriteStream} sink */
    const tee = (sink) => (/** @type {Buffer} */ chunk) => {
      if (!live) return void (output += chunk.toString());
      sink.write(chunk);
      output = (output + chunk.toString()).slice(-200_000);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('error', (error) => resolve({ code: 127, output: String(error) }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/**
 * @param {Runner} runner
 * @param {string} output
 * @param {string} summaryFile
 * @returns {{ passed: number, failed: number, failures: string[] }}
 */
function countTests(runner, output, summaryFile) {
  if (runner === 'wtr') {
    // Written by the reporter in web-test-runner.config.mjs; the progress line is the fallback.
    try {
      const { passed, failed, failures } = JSON.parse(readFileSync(summaryFile, 'utf8'));
      return { passed, failed, failures: failures ?? [] };
    } catch {
      const line = [...output.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
      return { passed: Number(line?.[1] ?? 0), failed: Number(line?.[2] ?? 0), failures: [] };
    }
  }
  // node --test: TAP (`# pass 3`) when piped, the spec reporter (`ℹ pass 3`) otherwise. Summed: a step
  // may run node --test more than once (test:server runs its files in two groups, scripts/test-server.mjs).
  const total = (/** @type {string} */ name) => [...output.matchAll(new RegExp(`^(?:#|ℹ) ${name} (\\d+)\\s*$`, 'gm'))].reduce((sum, match) => sum + Number(match[1]), 0);
  return { passed: total('pass'), failed: total('fail') + total('cancelled'), failures: tapFailures(output) };
}

/**
 * The failed tests of node's TAP output, each as `suite > test: first error line`. A suite
 * fails with its tests; it is named only through them. The output may have lost its start
 * (only the tail is kept): then names lack their outer suites.
 * @param {string} output
 * @returns {string[]}
 */
function tapFailures(output) {
  /** @type {string[]} */
  const suites = [];
  /** Depths below which a failure was seen since the last test point at that depth: those points are suites. */
  const failedBelow = new Set();
  /** @type {string[]} */
  const failures = [];
  /** The failure whose YAML block is being read, and whether its message is on the next line. */
  let open = -1;
  let messageNext = false;
  for (const line of output.split('\n')) {
    const depth = Math.floor((line.length - line.trimStart().length) / 4);
    const subtest = /^\s*# Subtest: (.*)$/.exec(line);
    if (subtest) {
      suites.length = depth;
      suites[depth] = subtest[1];
      continue;
    }
    const point = /^\s*(not )?ok \d+ - (.*?)(?: # .*)?$/.exec(line);
    if (point) {
      open = -1;
      const suite = failedBelow.has(depth);
      failedBelow.delete(depth);
      if (!point[1]) continue;
      for (let d = 0; d < depth; d++) failedBelow.add(d);
      if (suite) continue;
      open = failures.push([...suites.slice(0, depth), point[2]].join(' > ')) - 1;
      continue;
    }
    if (open < 0) continue;
    const error = /^\s*error: ([|>]-?)?\s*['"]?(.*?)['"]?$/.exec(line);
    if (messageNext && line.trim()) {
      failures[open] += `: ${line.trim()}`;
      open = -1;
      messageNext = false;
    } else if (error) {
      // `error: |-` puts the message on the lines below.
      if (error[1] || !error[2]) messageNext = true;
      else {
        failures[open] += `: ${error[2]}`;
        open = -1;
      }
    }
  }
  return failures;
}
