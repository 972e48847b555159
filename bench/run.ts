// `npm run bench`: bytes of the built bundles against the budget, and time to an interactive form in Chromium
// next to the Lit floor measured in the same run. Method: reference/performance.md §4.
// Flags: --runs N (default 7), --cpu N (CDP CPU throttling, default 1), --dist DIR (default dist/).
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { build } from 'vite';
import { BUNDLERS, initialLoad, LAZY_MODULES, type InitialLoad } from './app-bytes.js';
import { filesUnder, lazyChunkLoad, moduleGraph, sizeOf, sizesByPackage, type Sizes } from './bytes.js';
import { measure, type Sample } from './measure.js';
import { startServer, type Scenario } from './server.js';
import { chromiumLaunchOptions } from '../test/chromium.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH = join(ROOT, 'bench');
const BUILD = join(BENCH, '.build');

/** DESIGN.md §5: the whole sign-in in a script-tag bundle of ≤ 25 kB gzip; issue 11: `import 'latchkey'` through Vite too. */
const BUDGET_GZIP_BYTES = 25 * 1000;
/**
 * The lazy chunks a whole sign-in fetches besides the script-tag bundle: the client (right after the form) and
 * passkey creation (from the enrollment nudge). The token exchange (oauth4webapi) is fetched only in
 * `completion: 'tokens'` mode, not by the default session-cookie sign-in.
 */
const SIGN_IN_CHUNKS = /^chunks\/(client|passkey-registration|registration)-/;
/** Issue 13: <latch-consent-banner>'s lazy chunk (vanilla-cookieconsent: 10.1 kB JS + 5.3 kB CSS gzip). */
const BANNER_BUDGET_GZIP_BYTES = 6 * 1000;
const BAR_FORM_X_LIT = 1.5;
const BAR_HEAP_MB = 1.8;
const BAR_REQUESTS = 2;
/**
 * Issue 15: a variant "adds no request before the form when the config is on the page", the form time "stays
 * within the bench's current ratio" (read as latchkey's own form time, within the ±15% that three runs of it
 * vary by), and assignment and the event core add at most 2 kB gzip before the form.
 */
const BAR_EXPERIMENT_FORM_X = 1.15;
const BAR_EXPERIMENT_GZIP_BYTES = 2 * 1000;
/**
 * performance.md does not say which MB it means. Its empty page (which, like ours, carries Playwright's injected
 * script) reads 1.15 MB; a bare page with that script reads 1,178,000 B here: 1.18 in 1e6 B (more than the
 * reference's harness page, impossible) and 1.12 in 2^20 B (consistent). So MB = 2^20 bytes, inferred.
 */
const MB = 1024 * 1024;
const KB = 1024;

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    cpu: { type: 'string', default: '1' },
    dist: { type: 'string', default: join(ROOT, 'dist') },
  },
});
const runs = Number(args.runs);
const cpu = Number(args.cpu);
/** A copy of dist/ taken at the start: other builds may rewrite dist/ while the bench runs. */
const dist = join(BUILD, 'dist');
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${args.runs}`);
if (!(cpu >= 1)) throw new Error(`--cpu must be ≥ 1, got ${args.cpu}`);

const USERNAME = 'input[autocomplete~="username"]';
/** The demo's passkey-first experiment, as a page would put it in `experiments`. */
const BENCH_EXPERIMENT = {
  version: 'bench',
  experiments: [
    {
      key: 'passkey-first',
      status: 'running',
      variations: [
        { key: 'email-first', weight: 0.5, options: { lead: 'email' } },
        { key: 'passkey-first', weight: 0.5, options: { lead: 'passkey' } },
      ],
    },
  ],
};
const SCENARIOS: Scenario[] = [
  { name: 'lit-min', script: '/bench/.build/lit-min.js', element: '<lit-min></lit-min>', host: 'lit-min', input: USERNAME },
  { name: 'lit-form', script: '/bench/.build/lit-form.js', element: '<latch-login></latch-login>', host: 'latch-login', input: USERNAME },
  {
    name: 'latchkey',
    script: '/dist/latchkey.js',
    element: '<latch-login issuer="{origin}" client-id="bench"></latch-login>',
    host: 'latch-login',
    input: USERNAME,
  },
  {
    // Issue 15: the same form with an experiment described on the page (README "Experiments").
    name: 'latchkey+experiment',
    script: '/dist/latchkey.js',
    element: `<latch-login issuer="{origin}" client-id="bench" experiments='${JSON.stringify(BENCH_EXPERIMENT)}'></latch-login>`,
    host: 'latch-login',
    input: USERNAME,
  },
];

/** Anchors copied from reference/performance.md (2026-11-21): script-tag [raw, gz, br] KB, heap MB, form ms at ×1 / ×4. */
const PEERS = [
  { peer: 'lit-min (reference run)', kb: [15.7, 6.2, 5.5], heapMb: 1.43, form: { 1: 28.1, 4: 117.7 }, requests: 1 },
  { peer: 'Hanko elements 2.7.0', kb: [166.3, 43.6, 37.2], heapMb: 1.94, form: { 1: 115.6, 4: 381.3 }, requests: 3 },
  { peer: 'Stytch vanilla-js 6.3.0', kb: [338.3, 100.5, 79.4], heapMb: 2.06, form: { 1: 116.4, 4: 423.6 }, requests: 2 },
  { peer: 'Okta sign-in widget 7.49.0', kb: [1866.5, 438.7, 329.9], heapMb: 6.23, form: { 1: 486.5, 4: 1348.1 }, requests: 5 },
];

interface Stat {
  median: number;
  min: number;
  max: number;
}

function stat(values: number[]): Stat {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/m');
const fmtStat = (s: Stat, digits = 1) => `${fixed(s.median, digits)} (${fixed(s.min, digits)}–${fixed(s.max, digits)})`;
const fmtBytes = (n: number) => `${(n / KB).toFixed(1)} KB (${n.toLocaleString('en-US')} B)`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

/**
 * One minified ES module with every import inlined, by the widget's own toolchain (Vite library mode).
 * `output.minify` because lib-mode ES output otherwise keeps its whitespace (Vite protects pure annotations).
 */
async function bundle(entry: string, fileName: string): Promise<void> {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir: BUILD,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      lib: { entry, formats: ['es'], fileName: () => fileName },
      rolldownOptions: { output: { codeSplitting: false, minify: true } },
    },
  });
}

async function measureTimes(): Promise<{ version: string; samples: Record<string, Sample[]> }> {
  const server = await startServer({ dist, bench: BENCH }, SCENARIOS);
  const browser = await chromium.launch({
    ...chromiumLaunchOptions,
  });
  const samples: Record<string, Sample[]> = Object.fromEntries(SCENARIOS.map((s) => [s.name, []]));
  try {
    for (let rep = 0; rep <= runs; rep++) {
      for (const scenario of shuffled(SCENARIOS)) {
        const sample = await measure(browser, server.origin, scenario, cpu);
        // Repetition 0 is the discarded warm-up (OS file cache, Chromium's first-use costs).
        if (rep > 0) samples[scenario.name]!.push(sample);
      }
      process.stderr.write(rep === 0 ? 'warm-up done\n' : `run ${rep}/${runs}\n`);
    }
    return { version: browser.version(), samples };
  } finally {
    await browser.close();
    await server.close();
  }
}

function summarize(list: Sample[]) {
  return {
    formMs: stat(list.map((s) => s.formMs)),
    evalMs: stat(list.map((s) => s.evalMs)),
    jsMs: stat(list.map((s) => s.jsMs)),
    heapMb: stat(list.map((s) => s.heapBytes / MB)),
    requestsBeforeForm: stat(list.map((s) => s.requestsBeforeForm.length)),
    requestUrlsBeforeForm: [...new Set(list.flatMap((s) => s.requestsBeforeForm))],
    requestUrlsAfterForm: [...new Set(list.flatMap((s) => s.requestsAfterForm))],
    cspViolations: [...new Set(list.flatMap((s) => s.cspViolations))],
    pageErrors: [...new Set(list.flatMap((s) => s.pageErrors))],
  };
}

/** `GET /dist/a.js` → `a.js`, for the files the page fetched from dist/. */
const distFiles = (requests: string[]) =>
  requests.filter((r) => r.startsWith('GET /dist/')).map((r) => r.slice('GET /dist/'.length));

/** Copies dist/ until the copy is whole (every file latchkey.js imports is there), for up to ~10 s. */
async function snapshotDist(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await rm(dist, { recursive: true, force: true });
    await cp(args.dist, dist, { recursive: true }).catch(() => undefined);
    const graph = await moduleGraph(dist, 'latchkey.js');
    const present = await Promise.all([...graph.initial, ...graph.lazy].map((f) => sizeOf(join(dist, f))));
    if (present.every(Boolean)) return;
    if (attempt === 5) throw new Error(`${join(args.dist, 'latchkey.js')} or its chunks are missing: run \`npm run build\` first`);
    await new Promise((done) => setTimeout(done, 2_000));
  }
}

/**
 * Issue 15's "assignment and the event core add at most 2 kB gzip to what loads before the form", read in
 * context: the script tag built again with the experiments' controller (which brings the draw code) and the
 * funnel (the events' part before the form) stubbed out, so gzip's shared dictionary counts as it does for
 * real. Returns the gzip bytes of that script tag's files before the form.
 */
async function scriptTagWithoutExperiments(): Promise<number> {
  const out = join(BUILD, 'no-experiments');
  const stubs: Record<string, string> = {
    '/src/controllers/experiments.controller.ts':
      'export const HOLD_MS = 0; export const heldDraws = () => Promise.resolve(); export class ExperimentsController { beforeFirstUpdate() {} }',
    '/src/analytics/funnel.ts':
      'export class FunnelController { drawnAt = 0; constructor(host) { host.addController(this); } hostUpdated() {} mark() {} }',
  };
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    mode: 'script',
    logLevel: 'warn',
    build: { outDir: out, emptyOutDir: true },
    plugins: [
      {
        name: 'bench:no-experiments',
        enforce: 'pre',
        load: (id: string) => Object.entries(stubs).find(([path]) => id.endsWith(path))?.[1],
      },
    ],
  });
  const graph = await moduleGraph(out, 'latchkey.js');
  const sizes = await Promise.all(graph.initial.map((f) => sizeOf(join(out, f))));
  return sizes.reduce((sum, size) => sum + (size?.gzip ?? 0), 0);
}

/**
 * `import 'latchkey'` in a tiny app built by each bundler against the package as it is installed: the dist/
 * snapshot beside a copy of package.json (its dependencies resolve from the repository's node_modules above).
 */
async function npmEntryLoads(): Promise<InitialLoad[]> {
  await cp(join(ROOT, 'package.json'), join(BUILD, 'package.json'));
  const loads: InitialLoad[] = [];
  for (const bundler of BUNDLERS) loads.push(await initialLoad(bundler, BUILD, join(BUILD, `app-${bundler}`)));
  return loads;
}

async function main(): Promise<void> {
  await snapshotDist();
  // The script-tag bundle is latchkey.js plus whatever it imports statically: all of it loads before it runs.
  const graph = await moduleGraph(dist, 'latchkey.js');
  const initial = await Promise.all(graph.initial.map((f) => sizeOf(join(dist, f))));
  const scriptTag = initial.reduce<Sizes>(
    (sum, s) => ({ raw: sum.raw + (s?.raw ?? 0), gzip: sum.gzip + (s?.gzip ?? 0), brotli: sum.brotli + (s?.brotli ?? 0) }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
  const budgetOk = scriptTag.gzip <= BUDGET_GZIP_BYTES;
  const signInFiles = [...graph.initial, ...graph.lazy.filter((f) => SIGN_IN_CHUNKS.test(f))];
  const shares = [...(await sizesByPackage(signInFiles.map((f) => join(dist, f))))].sort((a, b) => b[1].gzip - a[1].gzip);
  const librariesGzip = shares.filter(([owner]) => owner !== 'own').reduce((sum, [, s]) => sum + s.gzip, 0);
  const byPackage = shares.map(([owner, size]): [string, Sizes] => [owner === 'own' ? 'Latchkey (src/ and bundler glue)' : owner, size]);

  await bundle(join(BENCH, 'lit-min.ts'), 'lit-min.js');
  await bundle(join(BENCH, 'lit-form.ts'), 'lit-form.js');
  const hasClient = (await sizeOf(join(dist, 'client.js'))) !== undefined;
  // dist/client.js leaves its dependencies to the app's bundler; this is what an app actually ships for it.
  if (hasClient) await bundle(join(dist, 'client.js'), 'client.bundle.js');
  const npmEntry = await npmEntryLoads();
  const experimentCore = scriptTag.gzip - (await scriptTagWithoutExperiments());
  const viteEntry = npmEntry.find((load) => load.bundler === 'vite')!;
  const npmOk = viteEntry.gzip <= BUDGET_GZIP_BYTES && npmEntry.every((load) => !load.modules.some((m) => LAZY_MODULES.test(m)));

  const { version, samples } = await measureTimes();
  const lit = summarize(samples['lit-min']!);
  const litForm = summarize(samples['lit-form']!);
  const latch = summarize(samples['latchkey']!);
  const withExperiment = summarize(samples['latchkey+experiment']!);
  const experimentRequests = distFiles(withExperiment.requestUrlsBeforeForm).filter((f) => !distFiles(latch.requestUrlsBeforeForm).includes(f));
  const formX = latch.formMs.median / lit.formMs.median;
  const heapX = latch.heapMb.median / lit.heapMb.median;

  const fetchedBefore = distFiles(latch.requestUrlsBeforeForm);
  const fetchedAfter = distFiles(latch.requestUrlsAfterForm).filter((f) => !fetchedBefore.includes(f));
  const lazy = [...new Set([...graph.lazy, ...(await filesUnder(join(dist, 'chunks'))).map((f) => `chunks/${f}`)])];
  const rows: [label: string, path: string, note: string][] = [
    ...graph.initial.map((f, i): [string, string, string] => [
      `dist/${f}`,
      join(dist, f),
      i === 0 ? 'script-tag entry' : 'static import of latchkey.js',
    ]),
    ['dist/latchkey.iife.js', join(dist, 'latchkey.iife.js'), 'classic script'],
    ['dist/client.js', join(dist, 'client.js'), 'headless client entry, deps external'],
    ['  + its imports, one file', join(BUILD, 'client.bundle.js'), 'what an app ships for it'],
    ...lazy.map((f): [string, string, string] => [`dist/${f}`, join(dist, f), 'lazy chunk (import())']),
    ['bench/.build/lit-min.js', join(BUILD, 'lit-min.js'), 'floor: 1 Lit element, 1 form, same toolchain'],
  ];
  const bytes = await Promise.all(
    rows.map(async ([label, path, note]) => {
      const f = label.slice('dist/'.length);
      const when = fetchedBefore.includes(f) ? ', loaded before form' : fetchedAfter.includes(f) ? ', loaded after form' : '';
      return { label, note: note + (label.startsWith('dist/') ? when : ''), size: await sizeOf(path) };
    }),
  );
  if (graph.initial.length > 1) {
    bytes.splice(graph.initial.length, 0, { label: '= script-tag bundle', note: 'what the budget counts', size: scriptTag });
  }
  // The issue 4 bar: step-up code loads lazily; its chunks (the dialog, and the factor steps it shares with
  // the sign-in form's second factors) are reported on their own line.
  const stepUpChunk = bytes.find((b) => /chunks\/step-up-/.test(b.label));
  const factorChunk = bytes.find((b) => /chunks\/factor-kit-/.test(b.label));
  // Issue 13: the consent banner's chunk, and whatever it imports statically beyond the entry's files.
  const banner = await lazyChunkLoad(dist, 'consent-banner');
  const bannerOk = !!banner && banner.gzip <= BANNER_BUDGET_GZIP_BYTES;
  // Issue 14: <latch-devices>' chunk (sessions and activity), the same way.
  const devicesChunk = await lazyChunkLoad(dist, 'devices');
  const trustPanelChunk = await lazyChunkLoad(dist, 'trust-panel');
  const suffixList = await chunkSize(dist, 'registrable-domain');
  const brBefore = (
    await Promise.all(fetchedBefore.map(async (f) => (await sizeOf(join(dist, f)))?.brotli ?? 0))
  ).reduce((a, b) => a + b, 0);
  const litMin = bytes[bytes.length - 1]!.size;
  const experimentGzip = (await Promise.all(experimentRequests.map(async (f) => (await sizeOf(join(dist, f)))?.gzip ?? 0))).reduce((a, b) => a + b, 0);

  const bars = [
    { bar: `form ≤ ${BAR_FORM_X_LIT}× lit-min`, value: `${formX.toFixed(2)}×`, pass: formX <= BAR_FORM_X_LIT },
    {
      bar: `heap ≤ ${BAR_HEAP_MB} MB`,
      value: `${latch.heapMb.median.toFixed(2)} MB`,
      pass: latch.heapMb.median <= BAR_HEAP_MB,
    },
    {
      bar: `requests before form ≤ ${BAR_REQUESTS}`,
      value: `${latch.requestsBeforeForm.max} (max of ${runs})`,
      pass: latch.requestsBeforeForm.max <= BAR_REQUESTS,
    },
    // Issue 15's bars, for the form with its experiment's config on the page.
    {
      bar: 'experiment: no request before form beyond latchkey\'s',
      value: experimentRequests.length ? `+${experimentRequests.length} (${experimentRequests.join(', ')})` : '+0',
      pass: experimentRequests.length === 0,
    },
    {
      bar: `experiment: form ≤ ${BAR_EXPERIMENT_FORM_X}× latchkey's`,
      value: `${(withExperiment.formMs.median / latch.formMs.median).toFixed(2)}×`,
      pass: withExperiment.formMs.median / latch.formMs.median <= BAR_EXPERIMENT_FORM_X,
    },
    {
      bar: `experiment: assignment + event core before form ≤ ${BAR_EXPERIMENT_GZIP_BYTES.toLocaleString('en-US')} B gz`,
      value: `${(experimentCore + experimentGzip).toLocaleString('en-US')} B (the script tag with and without them${experimentGzip ? `, + ${experimentGzip.toLocaleString('en-US')} B of its requests` : ''})`,
      pass: experimentCore + experimentGzip <= BAR_EXPERIMENT_GZIP_BYTES,
    },
  ];
  const sizeCells = (s: Sizes | undefined) => (s ? [fmtBytes(s.raw), fmtBytes(s.gzip), fmtBytes(s.brotli)] : ['missing', '-', '-']);
  const timeRow = (name: string, s: ReturnType<typeof summarize>) => [
    name,
    fmtStat(s.formMs),
    ratio(s.formMs.median, lit.formMs.median),
    fmtStat(s.evalMs),
    fmtStat(s.jsMs),
    fmtStat(s.heapMb, 2),
    ratio(s.heapMb.median, lit.heapMb.median),
    fmtStat(s.requestsBeforeForm, 0),
  ];
  const cpuKey = cpu === 4 ? 4 : 1;
  const warnings = [
    ...[...latch.cspViolations, ...withExperiment.cspViolations, ...lit.cspViolations].map((v) => `WARNING: CSP violation: ${v}`),
    ...[...latch.pageErrors, ...withExperiment.pageErrors, ...lit.pageErrors].map((e) => `WARNING: page error: ${e}`),
    ...(samples['lit-form']![0]?.formShape === samples['latchkey']![0]?.formShape
      ? []
      : ['WARNING: bench/lit-form.ts no longer draws the markup <latch-login> renders: update it']),
  ];

  console.log(
    [
      `Latchkey bench: Chromium ${version}, Node ${process.version}, CPU ×${cpu}, ${runs} runs (+1 warm-up discarded)`,
      '',
      'Bytes (KB = 1024 B; gz = gzip -9; br = brotli q11)',
      table([['file', 'raw', 'gz', 'br', ''], ...bytes.map((b) => [b.label, ...sizeCells(b.size), b.note])]),
      '',
      `Budget: script-tag bundle (${graph.initial.join(' + ')}) gz ${scriptTag.gzip.toLocaleString('en-US')} B ≤ ` +
        `${BUDGET_GZIP_BYTES.toLocaleString('en-US')} B  ${verdict(budgetOk)}`,
      '',
      "npm entry: `import 'latchkey'` in a one-line app, built for production by its bundler; before the form = the entry file and its static imports",
      table([
        ['bundler', 'files before form', 'raw', 'gz', 'lazy elements / client before form', 'files in all'],
        ...npmEntry.map((load) => [
          load.bundler,
          String(load.files.length),
          fmtBytes(load.raw),
          fmtBytes(load.gzip),
          load.modules.filter((m) => LAZY_MODULES.test(m)).join(', ') || 'none',
          String(load.allFiles.length),
        ]),
      ]),
      `Budget: npm entry through Vite gz ${viteEntry.gzip.toLocaleString('en-US')} B ≤ ${BUDGET_GZIP_BYTES.toLocaleString('en-US')} B  ${verdict(npmOk)}`,
      '',
      `Where a whole sign-in's bytes go (${signInFiles.join(' + ')}), by source map; each share compressed on its own`,
      table([['package', 'raw', 'gz', 'br'], ...byPackage.map(([owner, size]) => [owner, ...sizeCells(size)])]),
      `The runtime libraries alone: gz ${librariesGzip.toLocaleString('en-US')} B (against the ${BUDGET_GZIP_BYTES.toLocaleString('en-US')} B budget)`,
      stepUpChunk?.size && factorChunk?.size
        ? `Step-up (<latch-step-up>, lazy): ${stepUpChunk.label} gz ${stepUpChunk.size.gzip.toLocaleString('en-US')} B + ` +
          `${factorChunk.label} gz ${factorChunk.size.gzip.toLocaleString('en-US')} B, fetched on the first step-up`
        : 'Step-up chunks: missing',
      banner
        ? `Consent banner (<latch-consent-banner>, lazy): ${banner.files.join(' + ')} gz ${banner.gzip.toLocaleString('en-US')} B ≤ ` +
          `${BANNER_BUDGET_GZIP_BYTES.toLocaleString('en-US')} B, fetched when the tag appears  ${verdict(bannerOk)}`
        : 'Consent banner chunk: missing  FAIL',
      devicesChunk
        ? `Devices (<latch-devices>, lazy): ${devicesChunk.files.join(' + ')} gz ${devicesChunk.gzip.toLocaleString('en-US')} B, fetched when the tag appears`
        : 'Devices chunk: missing',
      trustPanelChunk
        ? `Trust panel (<latch-trust-panel>, lazy): ${trustPanelChunk.files.join(' + ')} gz ${trustPanelChunk.gzip.toLocaleString('en-US')} B, fetched when the tag appears`
        : 'Trust panel chunk: missing',
      suffixList
        ? `Site identity (the Public Suffix List, tldts, lazy): ${suffixList.file} gz ${suffixList.gzip.toLocaleString('en-US')} B, fetched after the form where the site signal is on`
        : 'Site identity chunk: missing',
      '',
      `Time to interactive form: median (min–max) of ${runs} runs, fresh context each, order shuffled; ×lit = ratio of medians in this run`,
      'lit-form = the widget\'s first step drawn by a static Lit element (same markup and styles, none of the widget\'s code)',
      table([
        ['scenario', 'form ms', '×lit', 'eval ms', 'JS ms (CDP)', 'heap MB', '×lit', 'requests before form'],
        timeRow('lit-min', lit),
        timeRow('lit-form', litForm),
        timeRow('latchkey', latch),
        timeRow('latchkey+experiment', withExperiment),
      ]),
      `latchkey+experiment (the config on the page): ${ratio(withExperiment.formMs.median, latch.formMs.median)} latchkey's form time; ` +
        `before its form besides latchkey's: ${experimentRequests.join(', ') || 'nothing'}`,
      `latchkey before form: ${latch.requestUrlsBeforeForm.join(', ') || 'none'} (${(brBefore / KB).toFixed(1)} KB br of script` +
        (litMin ? `, ${ratio(brBefore, litMin.brotli)} lit-min)` : ')'),
      `latchkey after form, until network idle: ${latch.requestUrlsAfterForm.join(', ') || 'none'}`,
      ...warnings,
      '',
      'Bars (reported, not gated: timings are noisy on a 2-core VM)',
      table([['bar', 'latchkey', ''], ...bars.map((b) => [b.bar, b.value, verdict(b.pass)])]),
      '',
      `Peers: from reference/performance.md (2026-11-21), NOT measured here; form at CPU ×${cpuKey}, ×lit against its own lit-min`,
      table([
        ['peer', 'script-tag raw / gz / br KB', 'heap MB', 'form ms', '×lit', 'requests'],
        ...PEERS.map((p) => [
          p.peer,
          p.kb.map((k) => k.toFixed(1)).join(' / '),
          p.heapMb.toFixed(2),
          p.form[cpuKey].toFixed(1),
          `${(p.form[cpuKey] / PEERS[0]!.form[cpuKey]).toFixed(1)}×`,
          String(p.requests),
        ]),
      ]),
    ].join('\n'),
  );

  await mkdir(join(BENCH, 'results'), { recursive: true });
  const report = {
    date: new Date().toISOString(),
    chromium: version,
    node: process.version,
    cpu,
    runs,
    units: { KB: KB, MB: MB },
    bytes: bytes.map((b) => ({ file: b.label.trim(), note: b.note, ...(b.size ?? { missing: true }) })),
    budget: { files: graph.initial, ...scriptTag, limitGzipBytes: BUDGET_GZIP_BYTES, pass: budgetOk },
    npmEntry: {
      loads: npmEntry.map(({ bundler, files, raw, gzip, modules }) => ({ bundler, files, raw, gzip, eager: modules.filter((m) => LAZY_MODULES.test(m)) })),
      limitGzipBytes: BUDGET_GZIP_BYTES,
      pass: npmOk,
    },
    signIn: { files: signInFiles, byPackage: Object.fromEntries(byPackage), librariesGzip },
    stepUpChunk: stepUpChunk?.size ? { file: stepUpChunk.label, ...stepUpChunk.size } : undefined,
    factorChunk: factorChunk?.size ? { file: factorChunk.label, ...factorChunk.size } : undefined,
    consentBanner: banner ? { ...banner, limitGzipBytes: BANNER_BUDGET_GZIP_BYTES, pass: bannerOk } : undefined,
    scriptBrotliBytesBeforeForm: brBefore,
    summary: { 'lit-min': lit, 'lit-form': litForm, latchkey: latch, 'latchkey+experiment': withExperiment, formXLit: formX, heapXLit: heapX },
    bars,
    samples,
  };
  await writeFile(join(BENCH, 'results', 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  if (!budgetOk || !npmOk || !bannerOk) process.exitCode = 1;
}

await main();

/** One chunk of the script-tag build by name (`chunks/<name>-<hash>.js`), and its gzip size. */
async function chunkSize(dir: string, name: string): Promise<{ file: string; gzip: number } | undefined> {
  const file = (await filesUnder(join(dir, 'chunks'))).find((f) => f.startsWith(`${name}-`) && f.endsWith('.js'));
  const size = file ? await sizeOf(join(dir, 'chunks', file)) : undefined;
  return file && size ? { file: `chunks/${file}`, gzip: size.gzip } : undefined;
}
