import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A type checker run that must fail exactly where a fixture folder says: every line holding `expect-error` has a
 * type error, and no other line has one. It proves a framework example's Latchkey typings bite where a template
 * cannot carry `@ts-expect-error` (Angular templates, Svelte markup).
 *
 * Usage, in the app's folder: `tsx scripts/expect-type-errors.ts <fixture folder> <checker command…>`
 * (`ngc -p tsconfig.type-errors.json`, or `svelte-check --output machine …`).
 */
const MARKER = 'expect-error';
// `file.ts:12:3 - error TS2345` (tsc, ngc) and `1712 ERROR "file.svelte" 12:3 "…"` (svelte-check --output machine).
const ERROR_LINES = [/^(\S+?):(\d+):\d+ - error TS\d+/, /^\d+ ERROR "(.+?)" (\d+):\d+ /];

const [fixtures, command, ...args] = process.argv.slice(2);
if (!fixtures || !command) throw new Error('usage: expect-type-errors <fixture folder> <checker command…>');

const expected = markedLines(resolve(fixtures));
const run = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
if (run.error) throw run.error;
const found = reportedLines(`${run.stdout}\n${run.stderr}`);

const missing = [...expected].filter((line) => !found.has(line));
const unexpected = [...found].filter((line) => !expected.has(line));
for (const line of missing) console.log(`no type error at ${line}, where one is expected`);
for (const line of unexpected) console.log(`unexpected type error at ${line}`);
if (missing.length + unexpected.length > 0) console.log(run.stdout, run.stderr);
console.log(`type errors: ${expected.size - missing.length} of ${expected.size} where expected, ${unexpected.length} elsewhere`);
process.exitCode = missing.length + unexpected.length === 0 && run.status !== 0 ? 0 : 1;

/** `path:line` of every line holding the marker, in every file under `folder`. */
function markedLines(folder: string): Set<string> {
  const lines = new Set<string>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((text, index) => text.includes(MARKER) && lines.add(`${path}:${index + 1}`));
  }
  return lines;
}

/** `path:line` of every error the checker reported. */
function reportedLines(output: string): Set<string> {
  const lines = new Set<string>();
  // A checker may colour its output anyway.
  for (const text of output.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    const match = ERROR_LINES.map((pattern) => pattern.exec(text.trim())).find(Boolean);
    if (match) lines.add(`${resolve(match[1]!)}:${match[2]}`);
  }
  return lines;
}
