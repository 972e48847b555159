import { test } from '../support/widget.js';
import { appOrigin, signInThenOpenSecurity } from './app-flow.js';

// demo/frameworks/angular on `ng serve` (hot reload on), the backend on the suite's origin listing the app's
// (LATCH_APP_ORIGINS); README "Angular".
test('Angular: signs in with an emailed code, then a lazily loaded route renders <latch-security> late', async ({ page }) => {
  await signInThenOpenSecurity(page, appOrigin(23), 'angular');
});
