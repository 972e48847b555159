import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import { backend } from './backend';

@Component({
  selector: 'app-security-page',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <h1>Account security</h1>
    <latch-security [attr.issuer]="backend.issuer" [attr.client-id]="backend.clientId" site-name="Acme"></latch-security>
  `,
})
export class SecurityPage {
  protected readonly backend = backend;
}
