import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import type { LatchErrorCode } from 'latchkey';
import { CLIENT_ID, ISSUER } from './backend';

/** The account page: its <latch-security> is first rendered here, long after `import 'latchkey'` ran. */
@Component({
  selector: 'app-account-page',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <h1>Account security</h1>
    <latch-security [attr.issuer]="issuer" [attr.client-id]="clientId" site-name="Acme" (latch-error)="error.set($event.detail.code)"></latch-security>
    <latch-privacy [attr.issuer]="issuer" [attr.client-id]="clientId" (latch-error)="error.set($event.detail.code)"></latch-privacy>
    @if (error(); as code) {
      <p role="alert">Latchkey reported {{ code }}.</p>
    }
  `,
})
export class AccountPage {
  protected readonly issuer = ISSUER;
  protected readonly clientId = CLIENT_ID;
  protected readonly error = signal<LatchErrorCode | undefined>(undefined);
}
