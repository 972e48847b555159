/**
 * Prints `unit: N passed, N failed` on a line of its own when the run ends, for CI log readers. The
 * leading newline matters: wtr's progress output leaves ANSI cursor codes on the current line.
 */
export function countReporter() {
  return {
    stop({ sessions }) {
      let passed = 0;
      let failed = 0;
      const walk = (suite) => {
        for (const test of suite.tests) test.passed ? passed++ : failed++;
        for (const child of suite.suites) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load counts as a failure, so a broken import cannot pass silently.
        if (!session.passed && !session.testResults?.tests.length && !session.testResults?.suites.length) failed++;
      }
      console.log(`\nunit: ${passed} passed, ${failed} failed`);
    },
  };
}
