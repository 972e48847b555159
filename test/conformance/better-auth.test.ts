import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startBetterAuthBackend } from '../../demo/better-auth/app.js';
import { exitCodeOf } from '../../src/conformance/report.js';
import { runConformance, type Report } from '../../src/conformance/runner.js';
import { PAGE_ORIGIN, PORT, runOptionsFor } from './backend.js';

// Issue 16 part 4: the conformance runner passes against better-auth with the latchkey/better-auth plugin (the demo
// backend, PostgreSQL through PGlite), with @better-auth/oauth-provider and without it. What better-auth does not
// advertise is skipped, and only that.

/** Starts the better-auth demo backend, with or without oauth-provider, in a throwaway directory. */
function startDemo(oauthServer: boolean) {
  return startBetterAuthBackend({
    port: PORT + 2,
    dataDir: mkdtempSync(join(tmpdir(), 'latch-conformance-better-auth-')),
    dev: true,
    appOrigins: [PAGE_ORIGIN],
    oauthServer,
  });
}

/** Runs the checks against `backend`: no failure, exit 0, and each skipped requirement skipped for the reason `expected` gives. */
async function assertConforms(backend: { url: string }, expected: (id: string, section: string) => RegExp): Promise<Report> {
  const report = await runConformance(runOptionsFor({ issuer: backend.url, clientId: 'latchkey-demo', origin: PAGE_ORIGIN }));
  const failed = report.results.filter((result) => result.status === 'fail').map((result) => `${result.id}: ${result.reason} ${result.observed ?? ''}`);
  assert.deepEqual(failed, []);
  for (const result of report.results.filter((result) => result.status === 'skip')) {
    assert.match(result.reason ?? '', expected(result.id, result.section), `${result.id} (${result.section}) was skipped: ${result.reason}`);
  }
  assert.equal(exitCodeOf(report), 0);
  return report;
}

/** Step-up levels (§12) are the one thing better-auth does not advertise in either mode. */
const noLevels = (section: string): RegExp | undefined => (section.startsWith('§12') ? /acr_values_supported/ : undefined);

describe('latchkey-conformance against better-auth', () => {
  it('passes every requirement it advertises, the redirect tier included; skips only step-up (no acr)', async () => {
    const backend = await startDemo(true);
    try {
      const report = await assertConforms(backend, (_id, section) => noLevels(section) ?? /^$/);
      assert.deepEqual(statusOf(report, 'C-REDIR-1', 'C-REDIR-2', 'C-DISC-5'), ['pass', 'pass', 'pass']);
    } finally {
      await backend.close();
    }
  });

  it('without oauth-provider (the session-only mode): names neither OAuth endpoint, passes the rest, skips the redirect tier', async () => {
    const backend = await startDemo(false);
    try {
      const metadata = (await (await fetch(`${backend.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      assert.deepEqual([metadata.authorization_endpoint, metadata.token_endpoint, metadata.ciam_connections], [undefined, undefined, undefined]);
      const report = await assertConforms(backend, (id, section) => noLevels(section) ?? (id.startsWith('C-REDIR-') ? /no authorization_endpoint/ : /^$/));
      assert.deepEqual(statusOf(report, 'C-REDIR-1', 'C-REDIR-2', 'C-DISC-5'), ['skip', 'skip', 'pass']);
    } finally {
      await backend.close();
    }
  });
});

function statusOf(report: Report, ...ids: string[]): string[] {
  return ids.map((id) => report.results.find((result) => result.id === id)?.status ?? 'absent');
}
