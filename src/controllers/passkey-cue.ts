import type { ReactiveControllerHost } from 'lit';
import type { SignedIn } from '../client/client.js';
import type { PreferenceStore } from '../client/storage.js';

// The passkey cue (issue 14; profile §26.5): after a passkey sign-in, once per device, that passkeys cannot be
// phished. The device remembers that it was shown in the PreferenceStore (IndexedDB, not secret: one flag).

/** The PreferenceStore key of the flag. */
export const PASSKEY_CUE_KEY = 'passkey-cue-shown';

/** Decides whether the sign-in that just happened gets the cue, and remembers that this device had it. */
export class PasskeyCue {
  /** The sign-in the cue belongs to: it shows while that sign-in is the one on screen. */
  private shownFor: SignedIn | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Whether the `passkey` trust signal is on: off, nothing is shown or remembered. */
    private readonly enabled: () => boolean,
  ) {}

  /** A sign-in just completed here (not a reload): the cue, if it was a passkey and this device never had it. */
  async signedIn(store: PreferenceStore, signedIn: SignedIn): Promise<void> {
    if (signedIn.method !== 'passkey' || !this.enabled()) return;
    if ((await store.get(PASSKEY_CUE_KEY).catch(() => true)) !== undefined) return;
    await store.set(PASSKEY_CUE_KEY, true).catch(() => undefined);
    this.shownFor = signedIn;
    this.host.requestUpdate();
  }

  /** Whether the cue shows with this sign-in. */
  shows(signedIn: SignedIn | undefined): boolean {
    return signedIn !== undefined && signedIn === this.shownFor;
  }
}
