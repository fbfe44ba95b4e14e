// The same browser tests as web-test-runner.config.mjs (same files, same real server), in
// Debian's Firefox ESR driven over WebDriver BiDi: `npm run test:browser:firefox`.
import baseConfig from './web-test-runner.config.mjs';
import { firefoxLauncher } from './scripts/firefox-launcher.mjs';

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  ...baseConfig,
  browsers: [firefoxLauncher()],
};
