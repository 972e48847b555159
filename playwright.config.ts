import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { FRAMEWORK_APPS } from './demo/frameworks/apps.js';
import { localTls } from './demo/server/local-ca.js';
import { chromiumLaunchOptions, chromiumShellLaunchOptions } from './test/chromium.mjs';
import { startTogether } from './test/e2e/support/web-servers.js';

// The reference backend runs on :4173 with a throwaway data directory and the adjustable test clock.
// Pages load from http://localhost:4173 (WebAuthn rejects IP origins); the readiness probe uses the
// address actually bound, 127.0.0.1.
const PORT = Number(process.env.E2E_PORT ?? 4173);

// The sibling-subdomain topology (test/e2e/subdomains): the store on https://www.latch.test and the backend on
// https://id.latch.test, one TLS server on SUBDOMAINS_PORT. Chromium maps *.latch.test to loopback and trusts
// the server key by its SPKI hash, so pages are secure contexts without certificate errors and WebAuthn works
// with RP ID latch.test. The certificate is made once per run; test workers inherit its directory and trust the
// CA (NODE_EXTRA_CA_CERTS) to read the dev mailbox over https://127.0.0.1.
// test/e2e/dev-server.spec.ts runs an app on a Vite dev server at DEV_SERVER_PORT; the suite's backend lists its
// origin as an app origin (README "A backend for your app's dev server"), plus any in E2E_APP_ORIGINS.
const DEV_SERVER_PORT = Number(process.env.E2E_DEV_SERVER_PORT ?? PORT + 9);
// The framework apps (demo/frameworks, the `frameworks` project) each run on their own dev server at PORT plus
// their offset, against the frameworks' backend (below) on its own origin, which lists theirs as app origins.
const FRAMEWORK_ORIGINS = FRAMEWORK_APPS.map((app) => `http://localhost:${PORT + app.portOffset}`);

/**
 * Whether this run includes `project` (no `--project` filter, or one naming it): only then are its servers
 * started, so a run of one spec in another project does not wait for them.
 */
function requested(project: string, argv = process.argv): boolean {
  const named = argv.flatMap((arg, i) => {
    if (arg.startsWith('--project=')) return [arg.slice('--project='.length)];
    if (arg !== '--project') return [];
    // `--project a b`: the option takes every value up to the next option.
    const end = argv.findIndex((next, j) => j > i && next.startsWith('-'));
    return argv.slice(i + 1, end === -1 ? undefined : end);
  });
  const matches = (name: string) => new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(project);
  return named.length === 0 || named.some(matches);
}
const APP_ORIGINS = [`http://localhost:${DEV_SERVER_PORT}`, ...(process.env.E2E_APP_ORIGINS?.split(',') ?? [])].join(',');
// The framework apps sign in against a backend of their own, so the `frameworks` project can run beside
// `one-origin` without sharing its test clock, rate limits or mailbox.
const FRAMEWORKS_BACKEND_PORT = Number(process.env.E2E_FRAMEWORKS_BACKEND_PORT ?? PORT + 11);
const FRAMEWORKS_BACKEND = `http://localhost:${FRAMEWORKS_BACKEND_PORT}`;
// Specs that need nothing but their project's backend (no spare backend, no fixed port) run in `one-origin-2`,
// against a second backend on its own port, so they can run beside the rest of `one-origin`.
const SECOND_ORIGIN_SPECS = new RegExp(
  `/e2e/(${['analytics-funnel', 'backend-factors', 'consent-banner', 'consent-mode', 'consent-records', 'funnel-stats', 'languages', 'last-used', 'passkeys', 'password-reset', 'playground', 'preferred-method', 'robustness', 'widget-options'].join('|')})\\.spec\\.ts$`,
);
const SECOND_PORT = Number(process.env.E2E_SECOND_PORT ?? PORT + 12);
const SUBDOMAINS_PORT = Number(process.env.E2E_SUBDOMAINS_PORT ?? PORT + 10);
// The better-auth demo backend (demo/better-auth, issue 16): better-auth with the Latchkey plugin on PostgreSQL (PGlite)
// in a throwaway directory, for the `better-auth` and `core-better-auth` projects.
const BETTER_AUTH_PORT = Number(process.env.E2E_BETTER_AUTH_PORT ?? PORT + 14);
const BETTER_AUTH_BACKEND = `http://localhost:${BETTER_AUTH_PORT}`;

// The core set (test/e2e/core, README "The core set on every backend"): the same specs, one project per backend
// the profile is proven on, each backend on its own origin with its own data. E2E_BACKEND=reference or
// E2E_BACKEND=better-auth keeps only that backend's project (unset: both, as `npm test` runs them).
const BACKENDS = ['reference', 'better-auth'] as const;
type Backend = (typeof BACKENDS)[number];
const CORE_BACKENDS = coreBackends(process.env.E2E_BACKEND);
const CORE_ORIGINS: Record<Backend, string> = {
  reference: `http://localhost:${Number(process.env.E2E_CORE_REFERENCE_PORT ?? PORT + 13)}`,
  // The better-auth demo serves both the core set and the `better-auth` project's own specs.
  'better-auth': BETTER_AUTH_BACKEND,
};

/** The backends E2E_BACKEND names (one, or both when unset); any other value is a mistake worth stopping for. */
function coreBackends(named: string | undefined): readonly Backend[] {
  if (!named) return BACKENDS;
  const backend = BACKENDS.find((candidate) => candidate === named);
  if (!backend) throw new Error(`E2E_BACKEND must be one of ${BACKENDS.join(', ')}, not "${named}"`);
  return [backend];
}

/** Whether this run includes the core project of `backend`: E2E_BACKEND keeps it, and `--project` (if any) names it. */
function coreRequested(backend: Backend): boolean {
  return CORE_BACKENDS.includes(backend) && requested(`core-${backend}`);
}

/** A webServer probe's address for a `http://localhost:PORT` origin: the address actually bound, 127.0.0.1. */
function boundURL(origin: string, path: string): string {
  const url = new URL(path, origin);
  url.hostname = '127.0.0.1';
  return url.href;
}

const DOMAIN = 'latch.test';
const tls = localTls((process.env.LATCH_E2E_TLS_DIR ??= mkdtempSync(join(tmpdir(), 'latch-e2e-tls-'))), DOMAIN);
process.env.NODE_EXTRA_CA_CERTS = trustedBundle(tls.caPath, process.env.NODE_EXTRA_CA_CERTS);

/** A CA bundle of the certificates Node already trusts extra, if any, plus `caPath`; workers read it at start. */
function trustedBundle(caPath: string, current: string | undefined): string {
  const bundle = join(process.env.LATCH_E2E_TLS_DIR!, 'node-extra-ca.pem');
  if (current === bundle) return bundle;
  const existing = current && existsSync(current) ? readFileSync(current, 'utf8') : '';
  writeFileSync(bundle, `${existing}\n${readFileSync(caPath, 'utf8')}`);
  return bundle;
}

// Two lanes: each project runs its files one at a time (`workers: 1`: the files of a project share its backend,
// its test clock and its rate limits), and two projects run side by side. Every project has a backend of its
// own, or none it changes (`visual`: the states gallery draws from an in-page fixture client). `one-origin` is
// one lane; the other projects share the second. On CI's two cores both lanes take about 23 minutes of test time
// (they share the CPU, so a spec's time depends on what runs beside it). Keep them even: move a spec that needs
// only its project's backend between `one-origin` and `one-origin-2` (SECOND_ORIGIN_SPECS) — not one that moves
// the suite backend's clock by E2E_BASE_URL or starts a backend of its own on E2E_SPARE_PORT, itself or through a
// support module (support/account-policies.ts does): two lanes would share that port.
// Browsers: Chromium's headless shell (test/chromium.mjs), the same Blink and V8 as the full build without its
// browser layer, for about a sixth less CPU in the flows, which keeps `.ci/run` on two cores inside its time bar. A
// spec that uses passkey autofill (conditional mediation, which only the full build has; the shell lists it but
// cannot run it, which the widget takes quietly) calls `useBrowserLayer()` (support/widget.ts) and runs in the full
// build; so does the `subdomains` project.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '*.spec.ts',
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  fullyParallel: false,
  // CI's two cores run two lanes of browsers and servers at once: a test there may take twice its time here.
  timeout: process.env.CI ? 45_000 : 30_000,
  reporter: [['list'], ['./test/e2e/count-reporter.ts']],
  use: {
    browserName: 'chromium',
  },
  projects: [
    {
      name: 'one-origin',
      testIgnore: ['subdomains/**', 'frameworks/**', 'visual/**', 'better-auth/**', 'core/**', SECOND_ORIGIN_SPECS],
      workers: 1,
      use: { baseURL: `http://localhost:${PORT}`, launchOptions: chromiumShellLaunchOptions },
    },
    {
      name: 'one-origin-2',
      testMatch: SECOND_ORIGIN_SPECS,
      workers: 1,
      metadata: { backendURL: `http://localhost:${SECOND_PORT}` },
      use: { baseURL: `http://localhost:${SECOND_PORT}`, launchOptions: chromiumShellLaunchOptions },
    },
    {
      // The states gallery (README "Visual tests"), served by the suite's backend but drawn from fixtures.
      name: 'visual',
      testDir: 'test/e2e/visual',
      workers: 1,
      use: { baseURL: `http://localhost:${PORT}`, launchOptions: chromiumShellLaunchOptions },
    },
    {
      name: 'subdomains',
      testDir: 'test/e2e/subdomains',
      workers: 1,
      metadata: { backendURL: `https://127.0.0.1:${SUBDOMAINS_PORT}` },
      use: {
        baseURL: `https://www.${DOMAIN}:${SUBDOMAINS_PORT}`,
        launchOptions: {
          ...chromiumLaunchOptions,
          args: [...chromiumLaunchOptions.args, `--host-resolver-rules=MAP *.${DOMAIN} 127.0.0.1`, `--ignore-certificate-errors-spki-list=${tls.spki}`],
        },
      },
    },
    {
      // Each framework app's own dev server (webServer below), signing in against the suite's backend.
      name: 'frameworks',
      testDir: 'test/e2e/frameworks',
      workers: 1,
      metadata: { backendURL: FRAMEWORKS_BACKEND },
      use: { launchOptions: chromiumShellLaunchOptions },
    },
    {
      // The demo pages against better-auth with the Latchkey plugin (demo/better-auth).
      name: 'better-auth',
      testDir: 'test/e2e/better-auth',
      workers: 1,
      metadata: { backendURL: BETTER_AUTH_BACKEND },
      use: { baseURL: BETTER_AUTH_BACKEND, launchOptions: chromiumShellLaunchOptions },
    },
    // The core set on each backend: pages, dev mailbox and every endpoint on that backend's origin.
    ...CORE_BACKENDS.map((backend) => ({
      name: `core-${backend}`,
      testDir: 'test/e2e/core',
      workers: 1,
      metadata: { backend, backendURL: CORE_ORIGINS[backend] },
      use: { baseURL: CORE_ORIGINS[backend], viewport: { width: 1280, height: 720 }, launchOptions: chromiumShellLaunchOptions },
    })),
  ],
  webServer: await startTogether([
    {
      command: 'npx tsx demo/server/main.ts',
      url: `http://127.0.0.1:${PORT}/.well-known/openid-configuration`,
      env: {
        PORT: String(PORT),
        LATCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'latch-e2e-')),
        LATCH_APP_ORIGINS: APP_ORIGINS,
        LATCH_TEST_CLOCK: '1',
        LATCH_DEV: '1',
      },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    ...(requested('one-origin-2')
      ? [
          {
            command: 'npx tsx demo/server/main.ts',
            url: `http://127.0.0.1:${SECOND_PORT}/.well-known/openid-configuration`,
            env: { PORT: String(SECOND_PORT), LATCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'latch-e2e-')), LATCH_TEST_CLOCK: '1', LATCH_DEV: '1' },
            reuseExistingServer: false,
            timeout: 30_000,
          },
        ]
      : []),
    {
      command: 'npx tsx demo/server/main.ts --subdomains',
      url: `https://127.0.0.1:${SUBDOMAINS_PORT}/.well-known/openid-configuration`,
      ignoreHTTPSErrors: true,
      env: {
        PORT: String(SUBDOMAINS_PORT),
        LATCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'latch-e2e-')),
        LATCH_TLS_DIR: process.env.LATCH_E2E_TLS_DIR,
        LATCH_DOMAIN: DOMAIN,
        LATCH_TEST_CLOCK: '1',
        LATCH_DEV: '1',
      },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    ...(requested('frameworks')
      ? [
          {
            command: 'npx tsx demo/server/main.ts',
            url: `http://127.0.0.1:${FRAMEWORKS_BACKEND_PORT}/.well-known/openid-configuration`,
            env: {
              PORT: String(FRAMEWORKS_BACKEND_PORT),
              LATCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'latch-e2e-')),
              LATCH_APP_ORIGINS: FRAMEWORK_ORIGINS.join(','),
              LATCH_DEV: '1',
            },
            reuseExistingServer: false,
            timeout: 30_000,
          },
        ]
      : []),
    // The core set's reference backend: as `npm run demo` runs it, without the test clock (the core set uses
    // only what every compliant backend offers).
    ...(coreRequested('reference')
      ? [
          {
            command: 'npx tsx demo/server/main.ts',
            url: boundURL(CORE_ORIGINS.reference, '/.well-known/openid-configuration'),
            env: { PORT: new URL(CORE_ORIGINS.reference).port, LATCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'latch-e2e-core-')), LATCH_DEV: '1' },
            reuseExistingServer: false,
            timeout: 30_000,
          },
        ]
      : []),
    // better-auth with Latchkey's adapter on a fresh PostgreSQL (PGlite) directory: one server for the core set and
    // the `better-auth` project alike. Creating the database takes a few seconds, and tens on a loaded machine.
    ...(coreRequested('better-auth') || requested('better-auth')
      ? [
          {
            command: 'npx tsx demo/better-auth/main.ts',
            url: boundURL(CORE_ORIGINS['better-auth'], '/.well-known/openid-configuration'),
            env: { PORT: String(BETTER_AUTH_PORT), LATCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'latch-e2e-better-auth-')), LATCH_DEV: '1' },
            reuseExistingServer: false,
            timeout: 120_000,
          },
        ]
      : []),
    ...(requested('frameworks') ? FRAMEWORK_APPS : []).map((app) => ({
      command: app.dev.join(' '),
      url: `http://127.0.0.1:${PORT + app.portOffset}/`,
      env: { PORT: String(PORT + app.portOffset), LATCH_APP_ISSUER: FRAMEWORKS_BACKEND, LATCH_BACKEND: FRAMEWORKS_BACKEND },
      reuseExistingServer: false,
      timeout: 120_000,
    })),
  ]),
});
