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
  /** This device had the cue (read once per page, then kept in memory). */
  private seen = false;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Whether the `passkey` trust signal is on: off, nothing is shown or remembered. */
    private readonly enabled: () => boolean,
  ) {}

  /** Reads whether this device had the cue, so a later sign-in is decided at once. */
  prepare(store: PreferenceStore): void {
    this.reading ??= Promise.resolve(PASSKEY_CUE_KEY).then((key) => store.get(key)).then(
      (value) => void (this.seen ||= value !== undefined),
      () => void (this.seen = true),
    );
  }

  /** A sign-in just completed here (not a reload): the cue, if it was a passkey and this device never had it. */
  async signedIn(store: PreferenceStore, signedIn: SignedIn): Promise<void> {
    if (signedIn.method !== 'passkey' || !this.enabled()) return;
    this.prepare(store);
    await this.reading;
    if (this.seen) return;
    this.seen = true;
    this.shownFor = signedIn;
    this.host.requestUpdate();
    await Promise.resolve(PASSKEY_CUE_KEY).then((key) => store.set(key, true)).catch(() => undefined);
  }

  /** Whether the cue shows with this sign-in. */
  shows(signedIn: SignedIn | undefined): boolean {
    return signedIn !== undefined && signedIn === this.shownFor;
  }
}
