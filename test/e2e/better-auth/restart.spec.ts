import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBetterAuthBackend } from '../../../demo/better-auth/app.js';
import { PASSWORD, uniqueEmail } from '../support/backend.js';
import { SPARE_PORT } from '../support/spare-backend.js';
import { ciamOf, signUpOverHttp, Walker } from './support.js';

// The demo backend keeps its accounts and sessions in a real SQLite file (<dataDir>/better-auth.sqlite): a
// restart on the same directory keeps the account, its password and the browser's session.

test('accounts and sessions survive a restart of the better-auth backend', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'latch-better-auth-restart-'));
  const email = uniqueEmail('ba-restart');
  let backend = await startBetterAuthBackend({ port: SPARE_PORT, dataDir, dev: true });
  const browser = await Walker.open(backend.url);
  try {
    await signUpOverHttp(browser, backend.url, email, PASSWORD);
    const before = await browser.session();
    expect(before).toMatchObject({ active: true, user: { email } });
    await backend.close();

    backend = await startBetterAuthBackend({ port: SPARE_PORT, dataDir, dev: true });
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
