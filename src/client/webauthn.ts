import type * as z from 'zod/mini';
import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  sendSignal,
  startAuthentication,
  WebAuthnAbortService,
  WebAuthnError,
  type PublicKeyCredentialRequestOptionsJSON as BrowserRequestOptions,
} from '@simplewebauthn/browser';
import {
  AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '../protocol/index.js';
import { LatchError, LatchErrorCode } from './errors.js';
import { lazy } from './lazy.js';

const loadRegistration = lazy(() => import('./registration.js'));

/** The WebAuthn calls the client makes; injectable so tests can produce faults a real authenticator cannot. */
export interface WebAuthnAdapter {
  /** Whether `navigator.credentials` with public keys works here (secure context, API present). */
  isAvailable(): boolean;
  /** Whether conditional mediation (passkey autofill) is available. */
  isAutofillAvailable(): Promise<boolean>;
  authenticate(options: {
    optionsJSON: PublicKeyCredentialRequestOptionsJSON;
    autofill: boolean;
  }): Promise<AuthenticationResponseJSON>;
  register(options: { optionsJSON: PublicKeyCredentialCreationOptionsJSON }): Promise<RegistrationResponseJSON>;
  /** Ends whatever ceremony is running (a pending autofill request, say). */
  cancel(): void;
  /** WebAuthn Signal API §5.1.10: tell the password manager a credential is gone. Best effort. */
  signalUnknownCredential(options: { rpId: string; credentialId: string }): Promise<void>;
}

/** The default adapter: @simplewebauthn/browser over the real `navigator.credentials`. */
export const browserWebAuthn: WebAuthnAdapter = {
  isAvailable: browserSupportsWebAuthn,
  isAutofillAvailable: browserSupportsWebAuthnAutofill,
  // The inputs live in the page's light DOM, but the host page may wrap the element in its own shadow
  // root, where SimpleWebAuthn's document-wide input check cannot see (toolchain pitfall 6).
  // The profile keeps `hints` and `transports` as plain strings; browsers ignore values they do not know
  // (WebAuthn L3 §5.8.4, §5.4.6), so they pass through unchanged.
  authenticate: async ({ optionsJSON, autofill }) =>
    checkCeremonyResult(
      AuthenticationResponseJSON,
      await startAuthentication({
        optionsJSON: optionsJSON as BrowserRequestOptions,
        useBrowserAutofill: autofill,
        verifyBrowserAutofillInput: false,
      }),
    ),
  register: async ({ optionsJSON }) => (await loadRegistration()).createPasskeyCredential(optionsJSON),
  cancel: () => WebAuthnAbortService.cancelCeremony(),
  async signalUnknownCredential({ rpId, credentialId }) {
    try {
      await sendSignal({ signalName: 'unknownCredential', rpID: rpId, credentialID: credentialId });
    } catch {
      // Signals are fire-and-forget (WebAuthn L3 §5.1.10); browsers without them need nothing.
    }
  },
};

/**
 * Maps a WebAuthn failure to a {@link LatchError}. A dismissed prompt is a quiet cancel, not a failure
 * (`NotAllowedError` covers cancel and timeout, WebAuthn L3 §5.1.4.1 step 23), and our own abort is silent.
 */
export function toPasskeyError(error: unknown): LatchError {
  if (error instanceof LatchError) return error;
  if (error instanceof WebAuthnError) {
    switch (error.code) {
      case 'ERROR_CEREMONY_ABORTED':
        return new LatchError(LatchErrorCode.ABORTED, error.message, { cause: error });
      case 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED':
        return new LatchError(LatchErrorCode.PASSKEY_ALREADY_REGISTERED, error.message, { cause: error });
      case 'ERROR_INVALID_DOMAIN':
      case 'ERROR_INVALID_RP_ID':
      case 'ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT':
      case 'ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT':
      case 'ERROR_AUTHENTICATOR_NO_SUPPORTED_PUBKEYCREDPARAMS_ALG':
        return new LatchError(LatchErrorCode.PASSKEY_UNAVAILABLE, error.message, { cause: error });
      default:
        break;
    }
  }
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError') {
    return new LatchError(LatchErrorCode.PASSKEY_CANCELLED, 'The passkey prompt was dismissed', { cause: error });
  }
  if (name === 'AbortError') return new LatchError(LatchErrorCode.ABORTED, 'Passkey ceremony aborted', { cause: error });
  if (name === 'SecurityError' || name === 'NotSupportedError') {
    return new LatchError(LatchErrorCode.PASSKEY_UNAVAILABLE, 'Passkeys are unavailable here', { cause: error });
  }
  return new LatchError(LatchErrorCode.PASSKEY_FAILED, 'The passkey ceremony failed', { cause: error });
}

/**
 * Checks what the browser (or an extension that replaced `navigator.credentials`) returned before it is
 * sent: a malformed credential is a failed ceremony, not a crash (fault W11).
 */
export function checkCeremonyResult<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new LatchError(LatchErrorCode.PASSKEY_FAILED, 'The authenticator returned a malformed credential', {
      cause: result.error,
    });
  }
  return result.data;
}
