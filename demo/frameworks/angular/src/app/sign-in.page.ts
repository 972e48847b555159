import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import type { LatchSignedInEvent, LatchStepEvent } from 'latchkey';
import { CLIENT_ID, ISSUER } from './backend';

/**
 * The sign-in page. `(latch-signed-in)` listens to the element's event; with strictTemplates `$event` is its
 * class (`LatchSignedInEvent`), read from the tag's HTMLElementTagNameMap entry and GlobalEventHandlersEventMap.
 */
@Component({
  selector: 'app-sign-in-page',
  // <latch-login> is a custom element, not an Angular component.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <h1>Acme</h1>
    <latch-login
      [attr.issuer]="issuer"
      [attr.client-id]="clientId"
      site-name="Acme"
      theme="auto"
      (latch-signed-in)="signedIn($event)"
      (latch-signed-out)="email.set(undefined)"
      (latch-step)="stepped($event)"
    ></latch-login>
    <p role="status">{{ email() ? 'Angular received latch-signed-in for ' + email() + '.' : 'Not signed in.' }}</p>
    <p>Last step: {{ step() ?? 'none yet' }}</p>
  `,
})
export class SignInPage {
  protected readonly issuer = ISSUER;
  protected readonly clientId = CLIENT_ID;
  protected readonly email = signal<string | undefined>(undefined);
  protected readonly step = signal<string | undefined>(undefined);

  protected signedIn(event: LatchSignedInEvent): void {
    this.email.set(event.detail.user.email);
  }

  protected stepped(event: LatchStepEvent): void {
    this.step.set(event.detail.step);
  }
}
