import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';
import type { LatchConsentChangeEvent } from 'latchkey';
import { CLIENT_ID, ISSUER } from './backend';

/**
 * Two routes: the sign-in page, and the account page whose <latch-security> and <latch-privacy> first appear on
 * navigation; the consent banner on both, and what the app heard of the visitor's choice.
 */
@Component({
  selector: 'app-root',
  imports: [RouterLink, RouterOutlet],
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  // `latch-consent-change` fires on document (whichever tab or element the choice came from).
  host: { '(document:latch-consent-change)': 'heard($event)' },
  template: `
    <nav><a routerLink="/">Sign in</a> <a routerLink="/account">Account security</a></nav>
    <main><router-outlet /></main>
    <p role="status">
      @if (analytics(); as state) {
        Angular received latch-consent-change: analytics {{ state }}.
      }
    </p>
    <latch-consent-banner [attr.issuer]="issuer" [attr.client-id]="clientId"></latch-consent-banner>
  `,
})
export class App {
  protected readonly issuer = ISSUER;
  protected readonly clientId = CLIENT_ID;
  protected readonly analytics = signal<'on' | 'off' | undefined>(undefined);

  protected heard(event: LatchConsentChangeEvent): void {
    this.analytics.set(event.detail.purposes['analytics'] === true ? 'on' : 'off');
  }
}
