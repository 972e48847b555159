import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

/**
 * open-wc's `waitUntil` with 5 s instead of 1 s: a draw that waits for a lazy chunk on two busy cores (CI runs
 * a browser and servers beside it) may take longer than a second. It still returns as soon as the
 * condition holds, so a passing test is no slower.
 */
export function waitUntil(...[predicate, message, options]: Parameters<typeof openWcWaitUntil>): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 5000, ...options });
}
