import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readMutant } from '../../demo/server/mutants.js';
import { commandReader } from '../../src/conformance/codes.js';

// The hooks around the runner: `--code-command` and `LATCH_MUTANT`.

describe('--code-command', () => {
  it('answers what the command prints, with the address shell-quoted in place of {email}', async () => {
    const read = commandReader(`node -e 'process.stdout.write(process.argv[1].length + "4242\\n")' {email}`);
    assert.equal(await read("o'brien@example.com", new Set()), '194242');
  });

  it('answers nothing when the command prints only a code already used', async () => {
    const read = commandReader('echo 123456');
    assert.equal(await read('a@example.com', new Set(['123456'])), undefined);
  });
});

describe('LATCH_MUTANT', () => {
  it('is refused outside development mode', () => {
    assert.throws(() => readMutant('no-iss', false), /only with LATCH_DEV=1/);
  });

  it('names one of the mutants', () => {
    assert.throws(() => readMutant('no-such-mutant', true), /must be one of/);
    assert.equal(readMutant('no-iss', true), 'no-iss');
    assert.equal(readMutant(undefined, false), undefined);
  });
});
