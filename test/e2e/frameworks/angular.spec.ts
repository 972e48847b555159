import { test } from '../support/widget.js';
import { openLateSecurity, signUpInApp, walkConsentAndPrivacy } from './app.js';

// demo/frameworks/angular: Angular 21 on `ng serve` (its own dev server), `import 'latchkey'` by package name,
// strict templates typing each `(latch-*)` binding's `$event`, a lazily loaded route for the account page.

test('an Angular app on ng serve signs up through the backend and hears latch-signed-in through (latch-signed-in)', async ({ page }) => {
  await signUpInApp(page, 'angular', 'Angular');
});

test('an Angular route loaded on navigation renders <latch-security>, which upgrades and shows the account settings', async ({ page }) => {
  await signUpInApp(page, 'angular', 'Angular');
  await openLateSecurity(page);
});

test('an Angular app: the consent banner in its shell tells the app the choice, and its account route shows it in <latch-privacy>', async ({ page }) => {
  await walkConsentAndPrivacy(page, 'angular', 'Angular');
});
