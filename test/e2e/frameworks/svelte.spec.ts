import { test } from '../support/widget.js';
import { appOrigin, signInThenOpenSecurity } from './app-flow.js';

// demo/frameworks/svelte on its Vite dev server (hot reload on), the backend on the suite's origin listing the
// app's (LATCH_APP_ORIGINS); README "Svelte".
test('Svelte: signs in with an emailed code, then a page imported on navigation renders <latch-security> late', async ({ page }) => {
  await signInThenOpenSecurity(page, appOrigin(24), 'svelte');
});
