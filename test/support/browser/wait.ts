import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

/**
 * open-wc's `waitUntil`, with 5 s before it gives up instead of 1 s. The
 * browser tests share two cores with the server and with each other; an
 * answer that takes more than a second there is slow, not missing (a feed's
 * second page once timed out at 1 s in CI while the XSS suite ran beside it).
 * A test that waits for something that never happens still fails, later.
 */
export function waitUntil(
  predicate: () => unknown | Promise<unknown>,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 5000, ...options });
}
