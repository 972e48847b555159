import {
  generateAuthenticationOptions,
  type AuthenticationResponseJSON as ServerAuthenticationResponseJSON,
  type RegistrationResponseJSON as ServerRegistrationResponseJSON,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import {
  PublicKeyCredentialRequestOptionsJSON,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '../../src/protocol/index.js';
import type { StoredPasskey } from './store.js';

/**
 * The WebAuthn relying party. RP ID: the registrable domain the issuer and the site share, or else the
 * issuer's host name (§5.1.1: an IP address is never a valid RP ID); a passkey for `example.com` works on
 * `www.example.com` and `id.example.com` alike (§5.1.3).
 */
export interface RelyingParty {
  id: string;
  name: string;
  /** The origins a ceremony may come from (§7.1 step 9, §7.2 step 13): the allowed origins. */
  origin: string[];
}

export function relyingPartyFor(issuer: string, allowedOrigins: readonly string[], registrableDomain?: string): RelyingParty {
  return { id: registrableDomain ?? new URL(issuer).hostname, name: 'Acme', origin: [...allowedOrigins] };
}

/** Five minutes to finish a ceremony (WebAuthn L3 §5.4.6 recommends 300 000 ms for UV-required). */
export const CEREMONY_TIMEOUT_MS = 300_000;

/**
 * Request options for a discoverable-credential ceremony: no `allowCredentials`, so the options say
 * nothing about which accounts exist and also serve passkey autofill (§5.1.4.1 conditional mediation).
 */
export async function discoverableRequestOptions(rp: RelyingParty): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: 'required', timeout: CEREMONY_TIMEOUT_MS });
  // Checked against the published schema, so the backend never sends what the profile forbids.
  return PublicKeyCredentialRequestOptionsJSON.parse(options);
}

/**
 * Request options naming the account's passkeys (`allowCredentials`), for a second factor or a step-up: the
 * user is known, so the list reveals nothing, and the browser goes straight to the right authenticator.
 */
export async function accountRequestOptions(rp: RelyingParty, passkeys: readonly StoredPasskey[]): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: 'required',
    timeout: CEREMONY_TIMEOUT_MS,
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.id, transports: knownTransports(passkey.transports) })),
  });
  return PublicKeyCredentialRequestOptionsJSON.parse(options);
}

type AuthenticatorTransportFuture = NonNullable<WebAuthnCredential['transports']>[number];

const TRANSPORTS = new Set<string>(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/** Keeps only transports SimpleWebAuthn knows; an authenticator may report new ones. */
export function knownTransports(transports: readonly string[] | undefined): AuthenticatorTransportFuture[] {
  return (transports ?? []).filter((transport): transport is AuthenticatorTransportFuture => TRANSPORTS.has(transport));
}

/** The stored passkey in the shape `verifyAuthenticationResponse` expects. */
export function toWebAuthnCredential(passkey: StoredPasskey): WebAuthnCredential {
  return {
    id: passkey.id,
    publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
    counter: passkey.counter,
    transports: knownTransports(passkey.transports),
  };
}

// The profile's schemas validate the same W3C JSON as SimpleWebAuthn's types; only the open-ended string
// unions (transports) and the extension-results record differ, so the parsed values are re-typed here.
export function toServerAuthenticationResponse(response: AuthenticationResponseJSON): ServerAuthenticationResponseJSON {
  return { ...response, clientExtensionResults: response.clientExtensionResults as ServerAuthenticationResponseJSON['clientExtensionResults'] };
}

export function toServerRegistrationResponse(response: RegistrationResponseJSON): ServerRegistrationResponseJSON {
  return {
    ...response,
    response: { ...response.response, transports: knownTransports(response.response.transports) },
    clientExtensionResults: response.clientExtensionResults as ServerRegistrationResponseJSON['clientExtensionResults'],
  };
}

// A few well-known AAGUIDs (passkeydeveloper/passkey-authenticator-aaguids) to give passkeys a recognisable name.
const AUTHENTICATOR_NAMES: Record<string, string> = {
  'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4': 'Google Password Manager',
  'fbfc3007-154e-4ecc-8c0b-6e020557d7bd': 'iCloud Keychain',
  '08987058-cadc-4b81-b6e1-30de50dcbe96': 'Windows Hello',
  '9ddd1817-af5a-4672-a2b9-3e3dd95000a9': 'Windows Hello',
  'bada5566-a7aa-401f-bd96-45619a55120d': '1Password',
  'd548826e-79b4-db40-a3d8-11116f7e8349': 'Bitwarden',
};

/** Names a new passkey after its authenticator when known, else after its kind, else "Passkey". */
export function passkeyName(input: { aaguid: string; attachment: string | undefined; deviceType: string }): string {
  const known = AUTHENTICATOR_NAMES[input.aaguid];
  if (known) return known;
  if (input.attachment === 'cross-platform') return 'Security key';
  if (input.deviceType === 'multiDevice') return 'Synced passkey';
  return 'Passkey';
}
