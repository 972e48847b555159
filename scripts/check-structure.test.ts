import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkStructure } from './check-structure.js';

// The structure check on a small project in a temporary folder: it must find what is broken there (a
// cycle closed by a dynamic import, a function one line too long) and leave alone what is not.

const script = join(dirname(fileURLToPath(import.meta.url)), 'check-structure.ts');
const root = mkdtempSync(join(tmpdir(), 'latchkey-structure-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A function whose body has `statements` lines, so it spans `statements + 2` lines. */
function functionOf(name: string, statements: number): string {
  return `export function ${name}(): number {\n${'  void 0;\n'.repeat(statements - 1)}  return 1;\n}\n`;
}

write(
  'tsconfig.json',
  JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', types: [] },
    include: ['src'],
  }),
);
// a → b statically, b → a by a dynamic import: a cycle.
write('src/a.ts', "import { b } from './b.js';\nexport const a = (): number => b;\n");
write('src/b.ts', "export const b = 1;\nexport const load = () => import('./a.js');\n");
// c → d statically, d → c for a type only: no cycle.
write('src/c.ts', "import { d } from './d.js';\nexport interface C { n: number }\nexport const c = d;\n");
write('src/d.ts', "import type { C } from './c.js';\nexport const d: C = { n: 1 };\n");
// 151 lines is over the bar, 150 is not; both inside the checked folder, and a long one outside it.
write('src/client/long.ts', functionOf('tooLong', 149) + functionOf('justRight', 148));
write('src/elsewhere.ts', functionOf('longButElsewhere', 200));

const options = { project: join(root, 'tsconfig.json'), cycles: join(root, 'src'), functions: join(root, 'src/client'), maxLines: 150 };

describe('check-structure', () => {
  it('finds the cycle closed by a dynamic import, not the one closed by a type-only import', () => {
    const { cycles } = checkStructure(options);
    assert.equal(cycles.length, 1);
    const files = cycles[0]!.map((edge) => `${edge.from.slice(root.length)}→${edge.to.slice(root.length)} ${edge.kind}`).sort();
    assert.deepEqual(files, ['/src/a.ts→/src/b.ts static', '/src/b.ts→/src/a.ts dynamic']);
  });

  it('finds the function over 150 lines in the checked folder only', () => {
    const { longFunctions } = checkStructure(options);
    assert.deepEqual(
      longFunctions.map(({ name, lines, line }) => ({ name, lines, line })),
      [{ name: 'tooLong', lines: 151, line: 1 }],
    );
  });

  it('prints what it found and exits non-zero', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', script, '--project', options.project, '--cycles', options.cycles, '--functions', options.functions],
      { encoding: 'utf8' },
    );
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /import cycle: .*a\.ts → .*b\.ts → .*a\.ts/);
    assert.match(run.stdout, /function over 150 lines: .*long\.ts:1 tooLong \(151 lines\)/);
  });
});
