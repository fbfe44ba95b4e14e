// Browser tests: test/core and test/elements run in Debian's Chromium against the real
// Plaza server (fresh data folder, demo seed, dev sign-in), started by the plugin below.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServerProcess } from './scripts/server-process.mjs';

/** @type {import('./scripts/server-process.d.mts').ServerProcess | undefined} */
let plaza;
/**
 * A second real server with PLAZA_READ_ACCESS=signed-in, for test/elements/sign-in-to-read.test.ts (signed out, so
 * nothing else of its settings shows there), and PLAZA_WHO_REACTED=counts, for test/elements/reactions/who-reacted-counts.test.ts.
 */
/** @type {import('./scripts/server-process.d.mts').ServerProcess | undefined} */
let signedInOnly;

/** @type {import('@web/dev-server-core').Plugin} */
const plazaServer = {
  name: 'plaza-server',
  async serverStart({ config }) {
    signedInOnly = await startServerProcess({
      env: { PLAZA_SEED: 'demo', PLAZA_READ_ACCESS: 'signed-in', PLAZA_WHO_REACTED: 'counts', PLAZA_CORS_ORIGINS: `http://${config.hostname ?? 'localhost'}:${config.port}` },
    });
    plaza = await startServerProcess({
      env: {
        PLAZA_SEED: 'demo',
        // test/elements/comments/comments-xss.test.ts posts the whole XSS corpus; the limits have their own server tests.
        PLAZA_WRITE_RATE_LIMIT: '0',
        PLAZA_RATE_LIMIT: '0',
        // Every test page comes from one address, many of them signed out.
        PLAZA_ANONYMOUS_RATE_LIMIT: '0',
        // Small, so test/core/realtime-reset.test.ts can run a client past it with a few dozen events.
        PLAZA_REPLAY_MAX_EVENTS: '50',
        // The profile card's contact links are tested here; the default (no e-mail, no phone) has its server test.
        PLAZA_PROFILE_FIELDS: 'role,department,location,avatar,manager,email,phone',
        // The feed's tests show reactions and follows to readers signed out; the defaults that keep them
        // from colleagues (who-reacted signed-in, personal feed writing, followers self) have their server tests.
        PLAZA_WHO_REACTED: 'names',
        PLAZA_PERSONAL_FEED: 'all',
        PLAZA_FOLLOWERS_VISIBLE: 'all',
        // Test pages come from wtr's own origin; the API allows it, with cookies.
        PLAZA_CORS_ORIGINS: `http://${config.hostname ?? 'localhost'}:${config.port}`,
      },
    });
  },
  async serverStop() {
    await signedInOnly?.stop();
    signedInOnly = undefined;
    const server = plaza;
    plaza = undefined;
    const code = await server?.stop();
    // SIGINT should end the server cleanly; anything else deserves a look at its log.
    if (server && code !== 0) console.error(`Plaza server exited with ${code}. Its output:\n${server.output()}`);
  },
};

/**
 * The shared XSS corpora (../shared/corpora, beside the repository) are read at run time,
 * never copied into the repo: tests fetch them from /__corpora/<file>.
 * @type {import('@web/dev-server-core').Middleware}
 */
const corpora = async (ctx, next) => {
  const match = /^\/__corpora\/([\w.-]+\.txt)$/.exec(ctx.path);
  if (!match) return next();
  ctx.type = 'text/plain; charset=utf-8';
  ctx.body = readFileSync(fileURLToPath(new URL(`../shared/corpora/${match[1]}`, import.meta.url)));
};

/**
 * What a buffering company proxy does to a Server-Sent Events stream: the headers
 * arrive, the events never do (test/core/realtime.test.ts falls back to polling).
 * @type {import('@web/dev-server-core').Middleware}
 */
const stalledEvents = async (ctx, next) => {
  if (ctx.path !== '/__stalled-events') return next();
  ctx.type = 'text/event-stream';
  ctx.body = new PassThrough();
};

/**
 * Counts every test for scripts/test-all.mjs, which sets PLAZA_TEST_SUMMARY to a file path.
 * @type {import('@web/test-runner').Reporter}
 */
const summaryFile = {
  onTestRunFinished({ sessions }) {
    const path = process.env.PLAZA_TEST_SUMMARY;
    if (!path) return;
    const counts = { passed: 0, failed: 0, skipped: 0 };
    /** Which tests failed, with their file and first error line: the summary at the end of `npm test` names them. */
    const failures = [];
    /**
     * @param {import('@web/test-runner').TestSuiteResult | undefined} suite
     * @param {string} file
     * @param {string[]} names
     */
    const walk = (suite, file, names) => {
      for (const test of suite?.tests ?? []) {
        counts[test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed']++;
        if (!test.skipped && !test.passed) failures.push(`${file}: ${[...names, test.name].join(' > ')}: ${test.error?.message?.split('\n')[0] ?? ''}`);
      }
      for (const child of suite?.suites ?? []) walk(child, file, [...names, child.name]);
    };
    for (const session of sessions) {
      const file = relative(process.cwd(), session.testFile);
      walk(session.testResults, file, []);
      // A file that failed to load or threw outside a test has no test results to count.
      if (!session.passed && session.errors.length > 0) {
        counts.failed++;
        failures.push(`${file}: ${session.errors[0]?.message?.split('\n')[0] ?? 'failed outside its tests'}`);
      }
    }
    writeFileSync(path, JSON.stringify({ ...counts, failures }));
  },
};

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/core/**/*.test.ts', 'test/elements/**/*.test.ts'],
  nodeResolve: true,
  middleware: [corpora, stalledEvents],
  // One page at a time, each in its own browser context (own cookies). With two, a test file
  // now and then stalled with no test reported until testsFinishTimeout (sessions 4 and 7: one or
  // two files at once), as modernweb-dev/web#2403 reports for Chromium on Linux with concurrency > 1.
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 420_000,
  testFramework: { config: { timeout: 10_000 } },
  // Lit's dev build (picked by nodeResolve's "development" condition) warns about real
  // mistakes, but its "dev mode" banner on every page is noise.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  plugins: [
    // tsconfig.json has experimentalDecorators and useDefineForClassFields: false, which Lit's decorators need.
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' }),
    plazaServer,
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    }),
  ],
  // How real pages configure Plaza: a meta tag with the API endpoint.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html>
  <head>
    <meta charset="utf-8">
    <meta name="plaza:endpoint" content="${plaza?.url ?? 'http://localhost:9/'}api/v1">
    <meta name="plaza-test:signed-in-only-endpoint" content="${signedInOnly?.url ?? 'http://localhost:9/'}api/v1">
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  reporters: [defaultReporter(), summaryFile],
};
