import { test } from '../support/widget.js';
import { openLateSecurity, signUpInApp, walkConsentAndPrivacy } from './app.js';

// demo/frameworks/react: React 19 + Vite on its own dev server, `import 'latchkey'` by package name, the
// generated JSX typings (`latchkey/react`), events as React 19 passes them (`onlatch-signed-in`).

test('a React 19 app on its dev server signs up through the backend and hears latch-signed-in through its onlatch-signed-in prop', async ({ page }) => {
  await signUpInApp(page, 'react', 'React');
});

test('a React route that renders <latch-security> after navigation gets an upgraded element with the account settings', async ({ page }) => {
  await signUpInApp(page, 'react', 'React');
  await openLateSecurity(page);
});

test('a React app: the consent banner in its shell tells the app the choice, and its account route shows it in <latch-privacy>', async ({ page }) => {
  await walkConsentAndPrivacy(page, 'react', 'React');
});
