import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { appFolder, initialLoad, LAZY_MODULES, type Bundler, type InitialLoad } from '../bench/app-bytes.js';
import { lazyChunkLoad, moduleGraph, sizeOf } from '../bench/bytes.js';

// The bars of issue 11 part 1 on the built package (run `npm run build` first): an app that does
// `import 'latchkey'` loads at most 25 kB gzip before the form when Vite builds it, and neither Vite nor
// esbuild puts a lazily defined element or the client in what loads before the form, while both still ship
// them as lazy chunks. Also: every `exports` entry of package.json names files that exist.
// And the script tag: at most two files (two requests) and 25 kB gzip before the form.
// Prints `bundle: N passed, N failed` and exits 1 on a failure. webpack's figure is in `npm run bench` (it takes
// tens of seconds here).

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
/** DESIGN.md §5 / issue 11: the npm entry through Vite, like the script tag, ≤ 25 kB gzip before the form. */
const BUDGET_GZIP_BYTES = 25 * 1000;
/** The modules each lazily defined element and the client start from. */
const LAZY_ROOTS = [
  'dist/components/social-buttons/social-buttons.component.js',
  'dist/components/step-up/step-up.component.js',
  'dist/components/security/security.component.js',
  'dist/components/passkeys/passkeys.component.js',
  'dist/components/privacy/privacy.component.js',
  'dist/components/devices/devices.component.js',
  'dist/components/session/session-timeout.component.js',
  'dist/components/consent/consent-banner.component.js',
  'dist/components/trust/trust-panel.component.js',
  'dist/client/client.js',
  'dist/analytics/tracker.js',
  'dist/analytics/sinks/datalayer.js',
  'dist/analytics/sinks/segment.js',
  'dist/analytics/sinks/beacon.js',
];

/** The per-element entries and the tag each must register. */
const ELEMENT_ENTRIES: Record<string, string> = {
  'latchkey/login': 'latch-login',
  'latchkey/security': 'latch-security',
  'latchkey/passkeys': 'latch-passkeys',
  'latchkey/privacy': 'latch-privacy',
  'latchkey/devices': 'latch-devices',
  'latchkey/step-up': 'latch-step-up',
  'latchkey/social-buttons': 'latch-social-buttons',
  'latchkey/session-timeout': 'latch-session-timeout',
  'latchkey/consent-banner': 'latch-consent-banner',
  'latchkey/trust-panel': 'latch-trust-panel',
};

let passed = 0;
let failed = 0;

async function check(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
    passed++;
    console.log(`  ✓ ${name}`);
  } catch (error) {
    failed++;
    console.log(`  ✗ ${name}\n    ${error instanceof Error ? error.message : String(error)}`);
  }
}

function expectLazy(load: InitialLoad): void {
  const eager = load.modules.filter((m) => LAZY_MODULES.test(m));
  if (eager.length) throw new Error(`loaded before the form: ${eager.join(', ')} (in ${load.files.join(', ')})`);
  const missing = LAZY_ROOTS.filter((m) => !load.allModules.includes(m));
  if (missing.length) throw new Error(`not in the build at all: ${missing.join(', ')}`);
}

async function built(bundler: Bundler): Promise<InitialLoad> {
  const out = await mkdtemp(join(tmpdir(), `latch-${bundler}-app-`));
  try {
    return await initialLoad(bundler, ROOT, out);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log("import 'latchkey' in an app, built by its bundler");
  const vite = await built('vite');
  await check(`Vite: ≤ ${BUDGET_GZIP_BYTES.toLocaleString('en-US')} B gzip before the form`, async () => {
    if (vite.gzip > BUDGET_GZIP_BYTES) {
      throw new Error(`${vite.gzip.toLocaleString('en-US')} B gzip in ${vite.files.join(' + ')}`);
    }
    console.log(`    ${vite.gzip.toLocaleString('en-US')} B gzip in ${vite.files.length} files`);
  });
  await check('Vite: the lazy elements and the client load only when used', async () => expectLazy(vite));
  const splitByEsbuild = await built('esbuild');
  await check('esbuild (splitting): the lazy elements and the client load only when used', async () => expectLazy(splitByEsbuild));
  await check(`script tag: latchkey.js and what it imports statically, ≤ 2 files and ≤ ${BUDGET_GZIP_BYTES.toLocaleString('en-US')} B gzip`, async () => {
    // A module shared by the form and a lazy chunk can make the bundler split off a third file (one more request).
    const { initial } = await moduleGraph(join(ROOT, 'dist'), 'latchkey.js');
    const gzip = (await Promise.all(initial.map((file) => sizeOf(join(ROOT, 'dist', file))))).reduce((sum, sizes) => sum + (sizes?.gzip ?? 0), 0);
    console.log(`    ${gzip.toLocaleString('en-US')} B gzip in ${initial.join(' + ')}`);
    if (initial.length > 2) throw new Error(`${initial.length} files before the form: ${initial.join(', ')}`);
    if (gzip > BUDGET_GZIP_BYTES) throw new Error(`${gzip} B gzip before the form`);
  });
  await check('script tag: the consent banner is a lazy chunk of ≤ 6,000 B gzip (with what it imports beyond the entry)', async () => {
    const banner = await lazyChunkLoad(join(ROOT, 'dist'), 'consent-banner');
    if (!banner) throw new Error('no chunks/consent-banner-*.js that latchkey.js loads lazily');
    console.log(`    ${banner.gzip.toLocaleString('en-US')} B gzip in ${banner.files.join(' + ')}`);
    if (banner.gzip > 6 * 1000) throw new Error(`${banner.gzip} B gzip`);
  });
  await check('package.json: every `exports` entry names files that exist', async () => {
    const { exports } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    const paths = Object.values(exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target as object)));
    const absent: string[] = [];
    for (const path of paths as string[]) await access(join(ROOT, path)).catch(() => absent.push(path));
    if (absent.length) throw new Error(`missing: ${absent.join(', ')}`);
  });
  await check('package.json: every `bin` is an executable Node script that answers --help', async () => {
    const { bin } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    for (const [name, path] of Object.entries(bin)) {
      if (!(await readFile(join(ROOT, path), 'utf8')).startsWith('#!/usr/bin/env node\n')) throw new Error(`${name}: ${path} has no node shebang`);
      const { stdout } = await run(join(ROOT, path), ['--help']);
      if (!stdout.includes(`Usage: ${name}`)) throw new Error(`${name} --help printed: ${stdout.slice(0, 200)}`);
    }
  });
  await check('per-element entries: `import` of each, bundled by esbuild, registers its tag', async () => {
    const app = await appFolder(ROOT);
    try {
      const dropped: string[] = [];
      for (const [entry, tag] of Object.entries(ELEMENT_ENTRIES)) {
        // A registration module missing from `sideEffects` would be dropped here, leaving the tag undefined.
        const { outputFiles } = await esbuild.build({
          stdin: { contents: `import '${entry}';`, resolveDir: app, loader: 'js' },
          bundle: true,
          format: 'esm',
          write: false,
          logLevel: 'silent',
        });
        if (!new RegExp(`customElements\\.define\\(["'\`]${tag}["'\`]`).test(outputFiles[0]!.text)) dropped.push(entry);
      }
      if (dropped.length) throw new Error(`no customElements.define of the tag in: ${dropped.join(', ')}`);
    } finally {
      await rm(app, { recursive: true, force: true });
    }
  });
  console.log(`\nbundle: ${passed} passed, ${failed} failed`);
  if (failed) process.exitCode = 1;
}

await main();
