import type { ViteDevServer } from 'vite';
import { E2E_BASE_URL, readMailbox, uniqueEmail } from './support/backend.js';
import { startBackendProcess, type BackendProcess } from './support/backend-process.js';
import { DEV_SERVER_ORIGIN, startDevServer } from './support/dev-server.js';
import { codeFor, submitEmail } from './support/flows.js';
import { SPARE_PORT } from './support/spare-backend.js';
import { addVirtualAuthenticator, expect, test, widget, type Guard } from './support/widget.js';
import type { Page } from '@playwright/test';

// An app on its own Vite dev server (test/e2e/dev-server: one `<latch-login>`, `import 'latchkey'` from dist/),
// as README "A backend for your app's dev server" sets it up: the backend on another origin that lists the
// app's (LATCH_APP_ORIGINS, set for the suite's backend in playwright.config.ts), or behind the dev server's
// proxy with the app's origin as its issuer (LATCH_ISSUER). Real servers, real CORS, real WebAuthn.

let devServer: ViteDevServer | undefined;
let backend: BackendProcess | undefined;

test.afterEach(async () => {
  await devServer?.close();
  await backend?.close();
  devServer = undefined;
  backend = undefined;
});

/** Signs a new customer up with the emailed code, then creates a passkey from the nudge. */
async function signUpAndCreatePasskey(page: Page, email: string, code: () => Promise<string>): Promise<void> {
  const ui = widget(page);
  await addVirtualAuthenticator(page);
  await expect(ui.heading).toHaveText('Sign in to Acme');
  await submitEmail(page, email);
  await expect(ui.heading).toHaveText('Check your email');
  await ui.code.fill(await code());
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("You're signed in");
  await expect(ui.root.getByText(`Signed in as ${email}`)).toBeVisible();
  // The WebAuthn ceremony ran on the app's origin: the backend accepted it as one of its origins.
  await ui.button('Create a passkey').click();
  await expect(ui.root.locator('.latch-notice')).toHaveText('Passkey created. Next time, sign in with one touch.');
}

test('an app on another origin signs in against a backend that lists it in LATCH_APP_ORIGINS', async ({ page }) => {
  devServer = await startDevServer({ issuer: E2E_BASE_URL });
  const email = uniqueEmail('app-origin');
  await page.goto(`${DEV_SERVER_ORIGIN}/`);
  await signUpAndCreatePasskey(page, email, () => codeFor(email));

  // The session is the backend's cookie, read with a credentialed cross-origin request after a reload.
  await page.reload();
  await expect(widget(page).heading).toHaveText("You're signed in");
  const session = await (await page.request.get(`${E2E_BASE_URL}/session`)).json();
  expect(session).toMatchObject({ active: true, user: { email } });
});

test('an app signs in through its dev server proxy to a backend whose LATCH_ISSUER is the app origin', async ({ page, guard }) => {
  backend = await startBackendProcess(SPARE_PORT, { LATCH_ISSUER: DEV_SERVER_ORIGIN });
  devServer = await startDevServer({ issuer: '/', proxyTo: `http://localhost:${SPARE_PORT}` });
  const discovery = await (await fetch(`${DEV_SERVER_ORIGIN}/.well-known/openid-configuration`)).json();
  expect(discovery).toMatchObject({ issuer: DEV_SERVER_ORIGIN, token_endpoint: `${DEV_SERVER_ORIGIN}/token` });

  const email = uniqueEmail('proxied');
  await page.goto(`${DEV_SERVER_ORIGIN}/`);
  // The dev mailbox is proxied too.
  await signUpAndCreatePasskey(page, email, () => proxiedCode(email, guard));

  await page.reload();
  await expect(widget(page).heading).toHaveText("You're signed in");
  const session = await (await page.request.get(`${DEV_SERVER_ORIGIN}/session`)).json();
  expect(session).toMatchObject({ active: true, user: { email } });
});

/** The newest code mailed to `email` by the proxied backend; recorded so the page guard checks it was never stored. */
async function proxiedCode(email: string, guard: Guard): Promise<string> {
  let code: string | null | undefined;
  await expect.poll(async () => (code = (await readMailbox(DEV_SERVER_ORIGIN, email))?.code)).toMatch(/^\d{6}$/);
  guard.secrets.push(code!);
  return code!;
}
