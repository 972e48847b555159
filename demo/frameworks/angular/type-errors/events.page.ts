import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import type { LatchSignedInEvent } from 'latchkey';

// Must NOT compile: each marked line of the template has to fail the strict template check, and no other line
// may (`npm run typecheck` runs scripts/expect-type-errors.ts on this folder). It proves that `$event` of a
// `(latch-*)` binding is the element's typed event, from GlobalEventHandlersEventMap. Angular does not type
// property or attribute bindings on custom elements (CUSTOM_ELEMENTS_SCHEMA accepts any), so there is no such
// case here; README "Angular" says so.
@Component({
  selector: 'app-type-errors',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <latch-login (latch-signed-in)="signedIn($event)" (latch-error)="code = $event.detail.code"></latch-login>
    <latch-login (latch-step)="signedIn($event)"></latch-login> <!-- expect-error: a step event is not a sign-in -->
    <latch-login (latch-signed-in)="email = $event.detail.user.emial"></latch-login> <!-- expect-error: a typo in detail -->
    <latch-login (latch-error)="count = $event.detail.code"></latch-login> <!-- expect-error: the code is a string -->
  `,
})
export class TypeErrors {
  protected code = '';
  protected email: string | undefined;
  protected count = 0;

  protected signedIn(event: LatchSignedInEvent): void {
    this.email = event.detail.user.email;
  }
}
