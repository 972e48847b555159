import type { Report } from './runner.js';

// How a report is printed: lines for a person, or the report itself as JSON for CI.

const MARK = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;

export function formatText(report: Report): string {
  const lines = [`latchkey-conformance: ${report.issuer} (client ${report.clientId}), profile ${report.profile}`, ''];
  for (const result of report.results) {
    lines.push(`${MARK[result.status]}  ${result.id.padEnd(12)} ${result.section.padEnd(7)} ${result.title}`);
    if (result.reason) lines.push(`      ${result.status === 'skip' ? 'skipped' : 'because'}: ${result.reason}`);
    if (result.observed) lines.push(`      observed: ${result.observed}`);
  }
  const { pass, fail, skip } = report.summary;
  lines.push('', `${pass} passed, ${fail} failed, ${skip} skipped`);
  return lines.join('\n');
}

export function formatJson(report: Report): string {
  return JSON.stringify(report, null, 2);
}

/** 0 when nothing failed, 1 otherwise (2 is a usage error, from the command line). */
export function exitCodeOf(report: Report): number {
  return report.summary.fail > 0 ? 1 : 0;
}
