import { test } from '../support/widget.js';
import { openLateSecurity, signUpInApp, walkConsentAndPrivacy } from './app.js';

// demo/frameworks/vue: Vue 3 + Vite on its own dev server, `import 'latchkey'` by package name, the generated
// template typings (`latchkey/vue`, strict templates), events through `@latch-signed-in`.

test('a Vue 3 app on its dev server signs up through the backend and hears latch-signed-in through @latch-signed-in', async ({ page }) => {
  await signUpInApp(page, 'vue', 'Vue');
});

test('a Vue route that renders <latch-security> after navigation gets an upgraded element with the account settings', async ({ page }) => {
  await signUpInApp(page, 'vue', 'Vue');
  await openLateSecurity(page);
});

test('a Vue app: the consent banner in its shell tells the app the choice, and its account route shows it in <latch-privacy>', async ({ page }) => {
  await walkConsentAndPrivacy(page, 'vue', 'Vue');
});
