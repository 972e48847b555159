import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBetterAuthBackend } from '../../../demo/better-auth/app.js';
import { PASSWORD, uniqueEmail } from '../support/backend.js';
import { ciamOf, signUpOverHttp, Walker } from './support.js';

// The demo backend keeps its accounts and sessions in a real PostgreSQL database (PGlite, <dataDir>/postgres): a
// restart on the same directory keeps the account, its password and the browser's session.

/**
 * A port of its own (E2E_PORT + 15): the spare-backend port is the `one-origin` lane's, which may run at the same
 * time as this project.
 */
const RESTART_PORT = Number(process.env.E2E_BETTER_AUTH_RESTART_PORT ?? Number(process.env.E2E_PORT ?? 4173) + 15);

test('accounts and sessions survive a restart of the better-auth backend', async () => {
  // Two starts of the backend, each opening PGlite's database and reading the three upstreams' discovery.
  test.slow();
  const dataDir = mkdtempSync(join(tmpdir(), 'latch-better-auth-restart-'));
  const email = uniqueEmail('ba-restart');
  let backend = await startBetterAuthBackend({ port: RESTART_PORT, dataDir, dev: true });
  const browser = await Walker.open(backend.url);
  try {
    await signUpOverHttp(browser, backend.url, email, PASSWORD);
    const before = await browser.session();
    expect(before).toMatchObject({ active: true, user: { email } });
    await backend.close();

    backend = await startBetterAuthBackend({ port: RESTART_PORT, dataDir, dev: true });
    expect(await browser.session()).toEqual(before);
    const other = await Walker.open(backend.url);
    ciamOf(await other.start(email));
    expect((await other.step({ type: 'password', password: PASSWORD })).status).toBe(200);
    expect((await other.session()).user?.sub).toBe(before.user?.sub);
    await other.close();
  } finally {
    await browser.close();
    await backend.close();
  }
});
