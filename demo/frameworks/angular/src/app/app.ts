import { Component, inject } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import { Account } from './account';

@Component({
  selector: 'app-root',
  imports: [RouterLink, RouterOutlet],
  template: `
    <header>
      <a routerLink="/">Acme</a>
      <nav aria-label="Store">
        <a routerLink="/security">Account security</a>
        <span data-testid="account">{{ account.email() ? 'Signed in as ' + account.email() : 'Not signed in' }}</span>
      </nav>
    </header>
    <main><router-outlet /></main>
  `,
})
export class App {
  protected readonly account = inject(Account);
}
