import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReferenceBackend, type ReferenceBackend, type ReferenceBackendOptions } from '../../../demo/server/app.js';

/** A port for a second backend started inside a test; E2E_SPARE_PORT lets parallel checkouts pick their own. */
export const SPARE_PORT = Number(process.env.E2E_SPARE_PORT ?? 4176);

/**
 * A second reference backend, in this process, for options the suite's backend (playwright.config.ts) does
 * not run with: no development flag, sign-up off, a low failure cap. Close it when the test is done.
 */
export function startSpareBackend(options: Partial<ReferenceBackendOptions> = {}): Promise<ReferenceBackend> {
  return startReferenceBackend({ port: SPARE_PORT, dataDir: mkdtempSync(join(tmpdir(), 'latch-spare-')), ...options });
}
