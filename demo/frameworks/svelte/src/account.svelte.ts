import type { LatchSignedInEvent } from 'latchkey';

/** Who is signed in, as the widget's events tell it; the header shows it on every page. */
export const account = $state<{ email: string | null }>({ email: null });

export function signedIn(event: LatchSignedInEvent): void {
  account.email = event.detail.user.email ?? event.detail.user.sub;
}

export function signedOut(): void {
  account.email = null;
}
