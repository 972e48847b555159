import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  getBrowserCapabilities,
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
import { checkCeremonyResult } from './ceremony-result.js';
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
  /**
   * Creates a passkey. With `conditional`, the browser creates it silently or not at all (conditional
   * create, WebAuthn L3 §5.1.3 `mediation: "conditional"`), for the passkey upgrade after a password sign-in.
   */
  register(options: { optionsJSON: PublicKeyCredentialCreationOptionsJSON; conditional?: boolean }): Promise<RegistrationResponseJSON>;
  /** Ends whatever ceremony is running (a pending autofill request, say). */
  cancel(): void;
  /** WebAuthn Signal API §5.1.10: tell the password manager a credential is gone. Best effort. */
  signalUnknownCredential(options: { rpId: string; credentialId: string }): Promise<void>;
  /**
   * Signal API: the complete list of the user's passkeys, so the password manager hides the others.
   * Only for a signed-in user. Best effort, never throws; absent in adapters that predate it.
   */
  signalAllAcceptedCredentials?(options: { rpId: string; userId: string; allAcceptedCredentialIds: string[] }): Promise<void>;
  /** Signal API: the user's current name and display name. Only for a signed-in user. Best effort, never throws. */
  signalCurrentUserDetails?(options: { rpId: string; userId: string; name: string; displayName: string }): Promise<void>;
  /**
   * `PublicKeyCredential.getClientCapabilities()` (WebAuthn L3 §5.1.7): the capabilities the browser
   * says it has (`conditionalCreate`, `signalAllAcceptedCredentials`, …). Unknown ones are left out.
   */
  capabilities?(): Promise<ClientCapabilities>;
}

/** The client capabilities (WebAuthn L3 §5.1.7, enum ClientCapability) that are known to be there or not. */
export type ClientCapabilities = Partial<Record<ClientCapability, boolean>>;

/** The capability names the client decides on. */
export type ClientCapability =
  | 'conditionalCreate'
  | 'conditionalGet'
  | 'hybridTransport'
  | 'passkeyPlatformAuthenticator'
  | 'userVerifyingPlatformAuthenticator'
  | 'relatedOrigins'
  | 'signalAllAcceptedCredentials'
  | 'signalCurrentUserDetails'
  | 'signalUnknownCredential';

/** Runs a Signal API call without letting it fail: signals are fire-and-forget (WebAuthn L3 §5.1.10). */
async function quietly(signal: () => Promise<unknown>): Promise<void> {
  try {
    await signal();
  } catch {
    // Browsers without the Signal API, or an argument it refuses: nothing the user needs to know.
  }
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
  register: async ({ optionsJSON, conditional }) =>
    (await loadRegistration()).createPasskeyCredential(optionsJSON, { conditional }),
  cancel: () => WebAuthnAbortService.cancelCeremony(),
  signalUnknownCredential: ({ rpId, credentialId }) =>
    quietly(() => sendSignal({ signalName: 'unknownCredential', rpID: rpId, credentialID: credentialId })),
  signalAllAcceptedCredentials: ({ rpId, userId, allAcceptedCredentialIds }) =>
    quietly(() => sendSignal({ signalName: 'allAcceptedCredentials', rpID: rpId, userID: userId, allAcceptedCredentialIDs: allAcceptedCredentialIds })),
  signalCurrentUserDetails: ({ rpId, userId, name, displayName }) =>
    quietly(() => sendSignal({ signalName: 'currentUserDetails', rpID: rpId, userID: userId, userName: name, userDisplayName: displayName })),
  async capabilities() {
    if (!browserSupportsWebAuthn()) return {};
    try {
      const reported = await getBrowserCapabilities();
      const known: ClientCapabilities = {};
      for (const [name, support] of Object.entries(reported) as Array<[ClientCapability, string]>) {
        if (support !== 'unknown') known[name] = support === 'supported';
      }
      return known;
    } catch {
      return {};
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
