import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MUTANTS, type Mutant } from '../../demo/server/mutants.js';
import { exitCodeOf } from '../../src/conformance/report.js';
import { runConformance, type Report } from '../../src/conformance/runner.js';
import { referenceTarget, runCli, runOptionsFor, startBackend } from './backend.js';

// Issue 16 part 4: the conformance runner passes against the reference backend and catches each deliberately
// broken variant of it (demo/server/mutants.ts), naming the requirement the variant breaks.

/** Runs the runner in this process against a fresh backend (a mutant, or the reference itself). */
async function reportFor(mutant?: Mutant): Promise<Report> {
  const backend = await startBackend(mutant);
  try {
    return await runConformance(runOptionsFor(referenceTarget(backend)));
  } finally {
    await backend.close();
  }
}

const failed = (report: Report) => report.results.filter((result) => result.status === 'fail').map((result) => `${result.id}: ${result.reason} ${result.observed ?? ''}`);

describe('latchkey-conformance against the reference backend', () => {
  it('passes every requirement, skipping none (the reference advertises everything it checks)', async () => {
    const report = await reportFor();
    assert.deepEqual(failed(report), []);
    assert.deepEqual(report.results.filter((result) => result.status === 'skip').map((result) => `${result.id}: ${result.reason}`), []);
    assert.equal(exitCodeOf(report), 0);
  });

  it('exits 0 with a JSON report when run as `npx latchkey-conformance --json`', async () => {
    const backend = await startBackend();
    try {
      const { status, report } = await runCli(referenceTarget(backend), 'npx');
      assert.equal(status, 0);
      assert.equal(report.summary.fail, 0);
      assert.ok(report.results.length >= 30, `${report.results.length} results`);
    } finally {
      await backend.close();
    }
  });
});

describe('latchkey-conformance against broken variants of the reference backend', () => {
  for (const [mutant, id] of Object.entries(MUTANTS) as Array<[Mutant, string]>) {
    it(`fails ${id} against the "${mutant}" mutant`, async () => {
      const report = await reportFor(mutant);
      const result = report.results.find((entry) => entry.id === id);
      assert.equal(result?.status, 'fail', `${id} was ${result?.status ?? 'not run'}; failures: ${failed(report).join(' | ') || 'none'}`);
      // The run reached the backend and read its discovery: the failure is the mutant's, not a dead server's.
      assert.equal(report.results.find((entry) => entry.id === 'C-DISC-1')?.status, 'pass');
      assert.equal(exitCodeOf(report), 1);
    });
  }

  it('exits 1 naming the requirement in the JSON report when run as `latchkey-conformance --json`', async () => {
    const backend = await startBackend('no-iss');
    try {
      const { status, report } = await runCli(referenceTarget(backend), 'node');
      assert.equal(status, 1);
      assert.equal(report.results.find((result) => result.id === MUTANTS['no-iss'])?.status, 'fail');
    } finally {
      await backend.close();
    }
  });
});
