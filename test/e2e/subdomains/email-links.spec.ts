import { backendURL, readOutbox } from '../support/backend.js';
import { submitEmail } from '../support/flows.js';
import { expect, expectAccessible, test, widget } from '../support/widget.js';
import { issuerFor, sessionAt } from './topology.js';

// Email links (docs/protocol.md §20) with the store on https://www.latch.test and the backend, which mails the
// link and serves its page, on https://id.latch.test: the browser-binding cookie is set by the widget's
// cross-origin (same-site) request, and the link's page on id. must still know this browser.

test('a link opened in another tab signs in the store tab across sibling subdomains', async ({ page, baseURL, guard }) => {
  const issuer = issuerFor(baseURL);
  const email = `sub-${Date.now().toString(36)}@links.test`;
  const ui = widget(page);
  await page.goto('/');
  await submitEmail(page, email);
  await expect(ui.heading).toHaveText('Check your email');
  let link: string | null | undefined;
  await expect
    .poll(async () => (link = ((await readOutbox(backendURL())).find((mail) => mail.to === email) as { link?: string | null } | undefined)?.link))
    .toMatch(/^https:\/\/id\.[^/]+\/link\?token=[\w-]{43}$/);
  guard.secrets.push(new URL(link!).searchParams.get('token')!);
  const binding = (await page.context().cookies(issuer)).find((cookie) => cookie.name === 'latch_link');
  expect(binding, 'the binding cookie, set by the cross-origin step').toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });

  const tab = await page.context().newPage();
  await tab.goto(link!);
  await expectAccessible(tab, 'link landing page on the backend');
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Email confirmed');
  await expect(ui.heading).toHaveText("You're signed in");
  expect(await sessionAt(page, issuer)).toMatchObject({ active: true, user: { email }, amr: ['otp'] });
});
