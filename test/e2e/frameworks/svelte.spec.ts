import { test } from '../support/widget.js';
import { openLateSecurity, signUpInApp, walkConsentAndPrivacy } from './app.js';

// demo/frameworks/svelte: Svelte 5 + Vite on its own dev server, `import 'latchkey'` by package name, the
// generated typings (`latchkey/svelte`, svelte-check strict), events through `onlatch-signed-in`.

test('a Svelte 5 app on its dev server signs up through the backend and hears latch-signed-in through onlatch-signed-in', async ({ page }) => {
  await signUpInApp(page, 'svelte', 'Svelte');
});

test('a Svelte page imported on navigation renders <latch-security>, which upgrades and shows the account settings', async ({ page }) => {
  await signUpInApp(page, 'svelte', 'Svelte');
  await openLateSecurity(page);
});

test('a Svelte app: the consent banner in its shell tells the app the choice, and its account route shows it in <latch-privacy>', async ({ page }) => {
  await walkConsentAndPrivacy(page, 'svelte', 'Svelte');
});
