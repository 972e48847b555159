import { Injectable, signal } from '@angular/core';
import type { LatchSignedInEvent } from 'latchkey';

/** Who is signed in, as the widget's events tell it; the header shows it on every route. */
@Injectable({ providedIn: 'root' })
export class Account {
  readonly email = signal<string | null>(null);

  signedIn(event: LatchSignedInEvent): void {
    this.email.set(event.detail.user.email ?? event.detail.user.sub);
  }

  signedOut(): void {
    this.email.set(null);
  }
}
