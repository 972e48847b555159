import { Component, CUSTOM_ELEMENTS_SCHEMA, inject } from '@angular/core';
import type { LatchSignedInEvent, LatchStepEvent } from 'latchkey';
import { Account } from './account';
import { backend } from './backend';

@Component({
  selector: 'app-sign-in-page',
  // <latch-login> is a custom element, not an Angular component.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <h1>Sign in to Acme</h1>
    <latch-login
      [attr.issuer]="backend.issuer"
      [attr.client-id]="backend.clientId"
      site-name="Acme"
      (latch-signed-in)="account.signedIn($event)"
      (latch-signed-out)="account.signedOut()"
      (latch-step)="onStep($event)"
    ></latch-login>
    <p data-testid="step">Step: {{ step }}</p>
  `,
})
export class SignInPage {
  protected readonly account = inject(Account);
  protected readonly backend = backend;
  protected step = '—';

  protected onStep(event: LatchStepEvent): void {
    this.step = event.detail.step;
  }
}
