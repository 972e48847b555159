import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startReferenceBackend, type ReferenceBackend } from '../../demo/server/app.js';
import type { Mutant } from '../../demo/server/mutants.js';
import { mailboxReader } from '../../src/conformance/codes.js';
import type { RunOptions } from '../../src/conformance/context.js';

/**
 * The port of the reference backends these tests start, one at a time: E2E_PORT + 30 (clear of the e2e suite's
 * offsets, playwright.config.ts), or CONFORMANCE_PORT, so parallel checkouts can pick their own.
 */
export const PORT = Number(process.env.CONFORMANCE_PORT ?? Number(process.env.E2E_PORT ?? 4173) + 30);
/** An app origin the backend allows (LATCH_APP_ORIGINS), for the CORS checks; nothing is served there. */
export const PAGE_ORIGIN = `http://localhost:${PORT + 1}`;
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A reference backend in this process, in development mode (its dev mailbox), optionally a mutant. */
export function startBackend(mutant?: Mutant): Promise<ReferenceBackend> {
  return startReferenceBackend({
    port: PORT,
    dataDir: mkdtempSync(join(tmpdir(), 'latch-conformance-')),
    dev: true,
    appOrigins: [PAGE_ORIGIN],
    ...(mutant ? { mutant } : {}),
  });
}

/** Where a run is pointed: a backend with a dev mailbox at `/dev/mailbox.json` (the reference's, or any other's). */
export interface Target {
  issuer: string;
  clientId: string;
  /** A page origin the backend allows. */
  origin: string;
}

/** The reference backend as a {@link Target}: its demo client, and the app origin it was started with. */
export const referenceTarget = (backend: ReferenceBackend): Target => ({ issuer: backend.url, clientId: 'latchkey-demo', origin: PAGE_ORIGIN });

/** What the command line would be given for `target`. */
export function runOptionsFor({ issuer, clientId, origin }: Target): RunOptions {
  return { issuer, clientId, origin, readCode: mailboxReader(`${issuer}/dev/mailbox.json`) };
}

/**
 * The built runner with `--json` against `backend`, as `npx latchkey-conformance` (the package's bin, as a team
 * runs it) or as `node dist/conformance/cli.js` (the same file, without npm's start-up): exit status and report.
 */
export function runCli({ issuer, clientId, origin }: Target, via: 'npx' | 'node'): Promise<{ status: number; report: { results: Array<{ id: string; status: string }>; summary: Record<string, number> } }> {
  const args = ['--issuer', issuer, '--client-id', clientId, '--origin', origin, '--mailbox', `${issuer}/dev/mailbox.json`, '--json'];
  return new Promise((resolve, reject) => {
    const [command, ...first] = via === 'npx' ? ['npx', 'latchkey-conformance'] : [process.execPath, 'dist/conformance/cli.js'];
    execFile(command!, [...first, ...args], { cwd: REPO_ROOT }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      try {
        resolve({ status, report: JSON.parse(stdout) as never });
      } catch {
        reject(new Error(`the CLI printed no JSON report (exit ${status}): ${stderr || stdout}`));
      }
    });
  });
}
