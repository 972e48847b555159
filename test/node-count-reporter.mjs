// A node:test reporter that prints the closing count line every runner of `npm test` prints
// (`<name>: N passed, N failed`), after the spec reporter's own output. Its name is NODE_TEST_NAME, or "node".
export default async function* countReporter(source) {
  let passed = 0;
  let failed = 0;
  for await (const event of source) {
    // Suites report as tests too; count the leaves (tests without children).
    if (event.type === 'test:pass' && event.data.details?.type !== 'suite') passed += 1;
    if (event.type === 'test:fail' && event.data.details?.type !== 'suite') failed += 1;
  }
  yield `${process.env.NODE_TEST_NAME ?? 'node'}: ${passed} passed, ${failed} failed\n`;
}
