import { expect, test } from '@playwright/test';
import { backendURL, PASSWORD, uniqueEmail } from '../support/backend.js';
import { addVirtualAuthenticator, virtualCredentials } from '../support/widget.js';

// The account endpoints' RFC 9470 challenge (profile §15, max_age 300) answered end to end on better-auth: the
// widget steps up through latchkey()'s challenge endpoint (max_age re-authentication, §12.2), which signs in
// anew, and the refused change goes again and succeeds. Runs in the `better-auth` project (the whole plugin).

test('removing a passkey after a sign-in older than 5 minutes asks to confirm it\'s you with the passkey, then removes it', async ({ page }) => {
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  const email = uniqueEmail('ba-step-up');
  const signUp = await page.request.post('/api/auth/sign-up/email', { data: { email, password: PASSWORD, name: 'Alice' }, headers: { Origin: backendURL() } });
  expect(signUp.status(), await signUp.text()).toBe(200);
  await page.goto('/security');
  const passkeys = page.locator('latch-passkeys');
  await passkeys.getByRole('button', { name: 'Add a passkey', exact: true }).click();
  await expect(passkeys.locator('.live[role="status"]')).toHaveText(/^Passkey added\.\s?$/);
  const [credential] = await virtualCredentials(cdp, authenticatorId);
  const id = Buffer.from(credential!.credentialId, 'base64').toString('base64url');

  // The sign-in is now more than 5 minutes old (better-auth has no test clock: the session row is aged).
  const aged = await fetch(new URL('/dev/sessions/age', backendURL()), { method: 'POST', body: JSON.stringify({ email, seconds: 301 }) });
  expect(aged.status).toBe(200);
  const deletes: number[] = [];
  const stepUps: string[] = [];
  const passkeySteps: string[] = [];
  page.on('response', (response) => {
    if (response.request().method() === 'DELETE') deletes.push(response.status());
  });
  page.on('request', (request) => {
    const body = request.method() === 'POST' ? (request.postData() ?? '') : '';
    if (body.includes('max_age=300')) stepUps.push(new URL(request.url()).pathname);
    if (body.includes('"webauthn"') && body.includes('"verify"')) passkeySteps.push(new URL(request.url()).pathname);
  });

  const item = passkeys.locator(`li[data-passkey="${id}"]`);
  await item.getByRole('button', { name: 'Remove', exact: true }).click();
  await item.getByRole('button', { name: 'Remove passkey', exact: true }).click();
  await expect(passkeys.locator('.live[role="status"]')).toHaveText(/^Passkey “Passkey” removed\.\s?$/);
  await expect(passkeys.locator('li[data-passkey]')).toHaveCount(0);
  // The first DELETE met the challenge; the step-up (with max_age=300) answered it; the same DELETE went again.
  expect(deletes).toEqual([401, 204]);
  expect(stepUps).toHaveLength(1);
  // The re-authentication was the account's passkey, at the same challenge endpoint.
  expect(passkeySteps).toEqual(stepUps);
});
