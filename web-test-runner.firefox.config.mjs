// The same browser tests as web-test-runner.config.mjs (same files, same real server), in
// Debian's Firefox ESR driven over WebDriver BiDi: `npm run test:browser:firefox`.
import { createServer } from 'node:net';
import baseConfig from './web-test-runner.config.mjs';
import { firefoxLauncher } from './scripts/firefox-launcher.mjs';

/**
 * A port of its own, free now: `npm test` runs this beside the Chromium run (scripts/test-all.mjs),
 * whose web-test-runner takes the first free port from 8000, and two starting together would both pick it.
 * @type {number}
 */
const port = await new Promise((resolve, reject) => {
  const probe = createServer()
    .once('error', reject)
    .listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
});

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  ...baseConfig,
  port,
  browsers: [firefoxLauncher()],
};
