import type { Routes } from '@angular/router';
import { SignInPage } from './sign-in.page';

export const routes: Routes = [
  { path: '', component: SignInPage, title: 'Sign in — Acme' },
  // Loaded on navigation, so <latch-security> first appears long after `import 'latchkey'` ran.
  { path: 'account', loadComponent: () => import('./account.page').then((m) => m.AccountPage), title: 'Account security — Acme' },
];
