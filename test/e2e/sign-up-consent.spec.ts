import type { Page } from '@playwright/test';
import type { ConsentReceipt } from '../../src/protocol/index.js';
import {
  codeAt,
  httpAccount,
  MARKETING_LABEL,
  policyBoxes,
  signedInReceipts,
  signInByCode,
  signOut,
  signUpInWidget,
  usePolicyBackend,
  tabTo,
  TERMS_LABEL,
  textHash,
} from './support/account-policies.js';
import { HttpCustomer, newBrowser, PASSWORD, uniqueEmail } from './support/backend.js';
import { buildAppClient } from './support/app-client.js';
import type { createClient } from '../../src/client/index.js';
import { SideBySide, startFor, stepOf } from './support/enumeration.js';
import { expect, expectAccessible, latchEvents, servePage, test, widget } from './support/widget.js';

// Terms, privacy and marketing at sign-up, and re-consent at sign-in when the terms change (docs/protocol.md §24),
// against a backend of this spec's own with the account policies on (support/account-policies.ts).

const policies = usePolicyBackend(test);

/** The account's current decisions, as the session endpoint reports them to its own browser. */
async function sessionConsents(page: Page): Promise<ConsentReceipt[] | undefined> {
  return ((await (await page.request.get(`${policies.url}/session`)).json()) as { consents?: ConsentReceipt[] }).consents;
}

/** A customer who accepted the first terms signs in after the change, up to the new terms; returns the address. */
async function reachNewTerms(page: Page, prefix: string): Promise<string> {
  const email = uniqueEmail(prefix);
  await signUpInWidget(page, policies.url, email);
  await signOut(page);
  const firstCode = await codeAt(policies.url, email);
  await policies.setVersion('terms', '2026-12');
  await signInByCode(page, policies.url, email, firstCode);
  await expect(widget(page).heading).toHaveText('Our terms have changed');
  return email;
}

const byPolicy = (receipts: readonly ConsentReceipt[] | null | undefined) =>
  Object.fromEntries((receipts ?? []).map((receipt) => [receipt.policy, { version: receipt.version, granted: receipt.granted, method: receipt.method }]));

test('sign-up with marketing: the terms box starts unticked and is required, and the receipts reach latch-signed-in and the backend', async ({ page }) => {
  const ui = widget(page);
  const boxes = policyBoxes(page);
  const email = uniqueEmail('terms');
  await ui.button('Create an account').click();
  await ui.email.fill(email);
  await ui.button('Continue').click();
  await expect(ui.heading).toHaveText('Create a password', { timeout: 15_000 });
  await expect(boxes.terms).not.toBeChecked();
  await expect(boxes.marketing).not.toBeChecked();
  const termsLink = ui.root.getByRole('link', { name: 'Terms', exact: true });
  await expect(termsLink).toHaveAccessibleDescription('(opens in a new tab)');
  await expect(termsLink).toHaveAttribute('target', '_blank');
  await expect(termsLink).toHaveAttribute('rel', /noopener/);
  await expect(ui.root.getByRole('link', { name: 'Privacy Policy', exact: true })).toHaveAttribute('href', `${policies.url}/policies/privacy`);
  await expectAccessible(page, 'sign-up with the policy boxes');
  // Every state of these specs is on the demo's page, served under the strict CSP (the guard counts violations).
  expect((await page.request.get(`${policies.url}/`)).headers()['content-security-policy']).toContain("require-trusted-types-for 'script'");

  // The document opens in its own tab, a plain page under the strict CSP.
  const [document] = await Promise.all([page.context().waitForEvent('page'), termsLink.click()]);
  await document.waitForLoadState();
  await expect(document.getByRole('heading', { level: 1 })).toHaveText('Acme terms of service');
  await expectAccessible(document, 'the terms document');
  const headers = (await page.request.get(`${policies.url}/policies/terms`)).headers();
  expect(headers['content-security-policy']).toContain("require-trusted-types-for 'script'");
  await document.close();

  // Without the box: refused, said next to the box and announced, and the password typed is kept.
  await ui.newPassword.fill(PASSWORD);
  await ui.button('Create account').click();
  const refusal = 'To create an account, agree to the Terms and the Privacy Policy.';
  await expect(ui.root.locator('[part="field-error"]')).toHaveText(refusal);
  await expect(ui.alert).toHaveText(refusal);
  await expect(boxes.terms).toHaveAttribute('aria-invalid', 'true');
  await expect(boxes.terms).toBeFocused();
  await expect(ui.newPassword).toHaveValue(PASSWORD);
  await expectAccessible(page, 'sign-up refused without the terms');
  expect((await latchEvents(page)).filter((event) => event.type === 'latch-error').map((event) => event.code)).toEqual(['LATCH_TERMS_REQUIRED']);

  await boxes.terms.check();
  await expect(boxes.terms).toHaveAttribute('aria-invalid', 'false');
  await boxes.marketing.check();
  await ui.button('Create account').click();
  await expect(ui.heading).toHaveText('Check your email');
  await ui.code.fill(await codeAt(policies.url, email));
  await ui.button('Verify').click();
  await expect(ui.heading).toHaveText("You're signed in");

  const [receipts] = await signedInReceipts(page);
  expect(byPolicy(receipts)).toEqual({
    terms: { version: '2026-01', granted: true, method: 'sign_up' },
    privacy: { version: '2026-01', granted: true, method: 'sign_up' },
    marketing: { version: '2026-01', granted: true, method: 'sign_up' },
  });
  // Each receipt proves the words the box showed.
  expect(receipts!.find((receipt) => receipt.policy === 'terms')!.text_hash).toBe(textHash(TERMS_LABEL));
  expect(receipts!.find((receipt) => receipt.policy === 'marketing')!.text_hash).toBe(textHash(MARKETING_LABEL));
  expect((await sessionConsents(page))?.map((receipt) => receipt.id).sort()).toEqual(receipts!.map((receipt) => receipt.id).sort());
});

test('sign-up without marketing, keyboard only and at 320 px: the opt-in stays off, and its refusal is a receipt too', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const ui = widget(page);
  const boxes = policyBoxes(page);
  const email = uniqueEmail('no-marketing');
  await tabTo(page, ui.button('Create an account'));
  await page.keyboard.press('Enter');
  await ui.email.focus();
  await page.keyboard.type(email);
  await page.keyboard.press('Enter');
  await expect(ui.heading).toHaveText('Create a password', { timeout: 15_000 });
  await tabTo(page, boxes.terms);
  await page.keyboard.press('Space');
  await expect(boxes.terms).toBeChecked();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectAccessible(page, 'sign-up at 320 px, terms ticked');
  await tabTo(page, ui.button('Skip the password: email me a code'));
  await page.keyboard.press('Enter');
  await expect(ui.heading).toHaveText('Check your email');
  await page.keyboard.type(await codeAt(policies.url, email));
  await page.keyboard.press('Enter');
  await expect(ui.heading).toHaveText("You're signed in");

  const [receipts] = await signedInReceipts(page);
  expect(byPolicy(receipts)).toEqual({
    terms: { version: '2026-01', granted: true, method: 'sign_up' },
    privacy: { version: '2026-01', granted: true, method: 'sign_up' },
    marketing: { version: '2026-01', granted: false, method: 'sign_up' },
  });
  expect(byPolicy(await sessionConsents(page))).toEqual(byPolicy(receipts));
});

test('the terms change: the next sign-in asks for the new version and has no session until it is accepted', async ({ page }) => {
  const ui = widget(page);
  await reachNewTerms(page, 'reconsent');
  await expect(ui.heading).toBeFocused();
  await expect(ui.root).toContainText('What changed: We now explain how long we keep your order history, and how to close your account.');
  const document = ui.root.getByRole('link', { name: 'Terms: read the new version' });
  await expect(document).toHaveAttribute('href', `${policies.url}/policies/terms`);
  await expect(document).toHaveAccessibleDescription('(opens in a new tab)');
  await expectAccessible(page, 'consent_required');
  // Credentials and code passed, and still no session: the sign-in waits for the decision.
  expect((await page.context().cookies()).some((cookie) => cookie.name === 'latch_session')).toBe(false);
  expect(((await (await page.request.get(`${policies.url}/session`)).json()) as { active: boolean }).active).toBe(false);

  await ui.button('Accept and continue').click();
  // The second sign-in asks the profile question next (profile-step.spec.ts); skipping it completes.
  await expect(ui.heading).toHaveText('One more thing');
  await ui.button('Skip').click();
  await expect(ui.heading).toHaveText("You're signed in");
  const receipts = await signedInReceipts(page);
  expect(byPolicy(receipts.at(-1))).toEqual({ terms: { version: '2026-12', granted: true, method: 'sign_in' } });
  expect(byPolicy(await sessionConsents(page))).toEqual({
    terms: { version: '2026-12', granted: true, method: 'sign_in' },
    privacy: { version: '2026-01', granted: true, method: 'sign_up' },
    marketing: { version: '2026-01', granted: false, method: 'sign_up' },
  });
});

test('declining the new terms ends the sign-in: access_denied, a message saying what to do, never a session', async ({ page }) => {
  const ui = widget(page);
  const email = await reachNewTerms(page, 'decline');
  const decided = page.waitForResponse((response) => response.url().endsWith('/authorize-challenge') && response.request().postData()?.includes('"consent"') === true);
  await ui.button('Decline').click();
  const answer = await decided;
  expect([answer.status(), ((await answer.json()) as { error: string }).error]).toEqual([400, 'access_denied']);
  await expect(ui.heading).toHaveText("You're not signed in");
  await expect(ui.alert).toContainText("You declined the new terms, so you can't sign in.");
  await expect(ui.alert).toContainText('contact us');
  await expectAccessible(page, 'terms declined');
  expect((await latchEvents(page)).filter((event) => event.type === 'latch-signed-in').length).toBe(1); // the sign-up's only
  expect((await page.context().cookies()).some((cookie) => cookie.name === 'latch_session')).toBe(false);
  expect(((await (await page.request.get(`${policies.url}/session`)).json()) as { active: boolean }).active).toBe(false);

  await ui.button('Back to sign-in').click();
  await expect(ui.heading).toHaveText('Sign in to Acme');
  await expect(ui.email).toHaveValue(email);
});

test('a held sign-in answers only its consent step: no other step completes it', async () => {
  const email = uniqueEmail('held');
  const customer = await httpAccount(policies.url, email);
  await policies.setVersion('terms', '2026-12');
  await customer.start({ login_hint: email });
  const held = await customer.step({ type: 'password', password: PASSWORD });
  expect((held.body['ciam'] as { step: string }).step).toBe('consent_required');
  for (const step of [{ type: 'password', password: PASSWORD }, { type: 'email_otp', action: 'send' }, { type: 'profile', action: 'skip' }]) {
    const answer = await customer.step(step);
    expect([answer.status, answer.body['error'], answer.body['authorization_code']], JSON.stringify(answer.body)).toEqual([400, 'invalid_request', undefined]);
  }
  // A decision on an older version is no decision.
  const stale = await customer.step({ type: 'consent', consents: [{ policy: 'terms', version: '2026-01', granted: true, text: 'x' }] });
  expect([stale.status, stale.body['error']]).toEqual([400, 'invalid_request']);
  expect(await customer.sessionCookie()).toBeDefined(); // the sign-up's session, from before the change
});

test('select_method lists the same policies for an address with an account and one without, and sign_up refuses alike without the terms', async () => {
  const known = await httpAccount(policies.url, uniqueEmail('known'));
  const pair = new SideBySide(
    new HttpCustomer(await newBrowser(policies.url), known.email, policies.url),
    new HttpCustomer(await newBrowser(policies.url), uniqueEmail('other'), policies.url),
  );
  const seen = await pair.same('initial request with login_hint', startFor);
  expect(JSON.parse(seen.body).ciam.policies.map((policy: { id: string; kind: string }) => `${policy.id}:${policy.kind}`)).toEqual(['terms:accept', 'privacy:accept', 'marketing:opt_in']);
  await pair.same('identifier step', (customer) => stepOf({ type: 'identifier', login_hint: customer.email })(customer));
  await pair.same('sign_up without the terms', stepOf({ type: 'sign_up', password: PASSWORD }), { tries: 3, timed: true });
  await pair.same('sign_up with marketing only', stepOf({ type: 'sign_up', password: PASSWORD, consents: [{ policy: 'marketing', version: '2026-01', granted: true, text: MARKETING_LABEL }] }));
});

test('an app holding tokens (completion: tokens) gets the sign-up receipts in signedIn.receipts too', async ({ page }) => {
  const appBundle = await buildAppClient();
  await page.route('**/app/client.js', (route) => route.fulfill({ contentType: 'text/javascript', body: appBundle }));
  await servePage(page, '/app.html', '<h1>App</h1>');
  await page.goto(`${policies.url}/app.html`);
  const email = uniqueEmail('tokens-terms');
  type AppWindow = Window & { __client: ReturnType<typeof createClient> };
  // Headless: the identifier, then the sign-up with the decisions on the policies select_method listed.
  const asked = await page.evaluate(async (loginHint) => {
    const entry = '/app/client.js';
    const { createClient } = (await import(entry)) as { createClient: typeof import('../../src/client/index.js').createClient };
    const client = createClient({ issuer: location.origin, clientId: 'latchkey-demo', completion: 'tokens' });
    (window as unknown as AppWindow).__client = client;
    const outcome = await client.startSignIn({ loginHint });
    if (outcome.type !== 'step' || outcome.state.step !== 'select_method') throw new Error(`unexpected ${JSON.stringify(outcome)}`);
    const consents = (outcome.state.policies ?? []).map((policy) => ({ policy: policy.id, version: policy.version, granted: policy.kind === 'accept', text: `Accept ${policy.id}` }));
    const next = await client.signUp({ consents });
    return { policies: consents.map((decision) => decision.policy), step: next.type === 'step' ? next.state.step : next.type };
  }, email);
  expect(asked).toEqual({ policies: ['terms', 'privacy', 'marketing'], step: 'email_otp' });
  const code = await codeAt(policies.url, email);
  const signedIn = await page.evaluate(async (code) => {
    const client = (window as unknown as AppWindow).__client;
    const outcome = await client.verifyEmailCode({ code });
    if (outcome.type !== 'signed-in') throw new Error(`unexpected ${JSON.stringify(outcome)}`);
    return { receipts: outcome.signedIn.receipts, token: (await client.getAccessToken()) !== undefined };
  }, code);
  expect(signedIn.token).toBe(true);
  expect(byPolicy(signedIn.receipts)).toEqual({
    terms: { version: '2026-01', granted: true, method: 'sign_up' },
    privacy: { version: '2026-01', granted: true, method: 'sign_up' },
    marketing: { version: '2026-01', granted: false, method: 'sign_up' },
  });
  expect(signedIn.receipts!.find((receipt) => receipt.policy === 'terms')!.text_hash).toBe(textHash('Accept terms'));
});
