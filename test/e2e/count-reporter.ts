import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Prints one plain closing line, `e2e: N passed, N failed`, for CI logs and scripts to read. */
export default class CountReporter implements Reporter {
  #passed = 0;
  #failed = 0;

  onTestEnd(test: TestCase, result: TestResult): void {
    // A retried test reports once per attempt; only its last attempt counts.
    if (result.status !== test.expectedStatus && result.retry < test.retries) return;
    if (result.status === test.expectedStatus) this.#passed += 1;
    else this.#failed += 1;
  }

  onEnd(_result: FullResult): void {
    console.log(`\ne2e: ${this.#passed} passed, ${this.#failed} failed`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
