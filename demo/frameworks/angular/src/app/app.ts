import { Component } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';

/** Two routes: the sign-in page, and the account page whose <latch-security> first appears on navigation. */
@Component({
  selector: 'app-root',
  imports: [RouterLink, RouterOutlet],
  template: `
    <nav><a routerLink="/">Sign in</a> <a routerLink="/account">Account security</a></nav>
    <main><router-outlet /></main>
  `,
})
export class App {}
