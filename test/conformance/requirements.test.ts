import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { MUTANTS } from '../../demo/server/mutants.js';
import { CHECKS } from '../../src/conformance/checks/index.js';

// One source of truth (issue 16 part 3): docs/protocol.md §30 lists the requirements, the runner checks them.
// A requirement added to the profile without a check, or a check naming an id the profile lacks, fails here.

interface Row {
  id: string;
  section: string;
  title: string;
}

/** The rows of §30's table, as written. */
function documentedRequirements(): Row[] {
  const text = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
  const start = text.indexOf('\n## 30. Conformance requirements');
  assert.ok(start >= 0, 'docs/protocol.md has no "## 30. Conformance requirements"');
  const end = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^\| (C-[A-Z]+-\d+) \| (§[0-9a-z.]+) \| (.+) \|$/gm)].map(([, id, sectionRef, title]) => ({ id: id!, section: sectionRef!, title: title! }));
}

describe('docs/protocol.md §30 and the conformance runner', () => {
  const rows = documentedRequirements();

  it('lists requirements, each id once', () => {
    assert.ok(rows.length >= 30, `${rows.length} rows`);
    assert.deepEqual(rows.map((row) => row.id).filter((id, i, ids) => ids.indexOf(id) !== i), []);
  });

  it('has a check for every documented requirement, and documents every check', () => {
    const documented = new Set(rows.map((row) => row.id));
    const checked = new Set(CHECKS.map((check) => check.id));
    assert.deepEqual([...documented].filter((id) => !checked.has(id)), [], 'requirements without a check');
    assert.deepEqual([...checked].filter((id) => !documented.has(id)), [], 'checks whose id §30 does not list');
  });

  it('gives each check the section and words of its row', () => {
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const check of CHECKS) assert.deepEqual({ id: check.id, section: check.section, title: check.title }, byId.get(check.id));
  });

  it('names a documented requirement for every mutant of the reference backend', () => {
    const documented = new Set(rows.map((row) => row.id));
    assert.deepEqual(Object.values(MUTANTS).filter((id) => !documented.has(id)), []);
  });
});
