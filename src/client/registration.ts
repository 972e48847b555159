import {
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON as BrowserCreationOptions,
} from '@simplewebauthn/browser';
import {
  PasskeyCreationOptionsResponse,
  PasskeyRegistrationResponse,
  RegistrationResponseJSON,
  type Passkey,
  type PublicKeyCredentialCreationOptionsJSON,
} from '../protocol/index.js';
import { parseWith } from './transport.js';
import { checkCeremonyResult } from './ceremony-result.js';

// Passkey creation, a separate chunk: most visits never create a passkey, so the sign-in form does not
// carry this code.

/**
 * `navigator.credentials.create()` through @simplewebauthn/browser, its result checked before it is sent.
 * `conditional` asks for conditional create (`useAutoRegister`): no prompt, the browser decides.
 */
export async function createPasskeyCredential(
  optionsJSON: PublicKeyCredentialCreationOptionsJSON,
  { conditional = false }: { conditional?: boolean } = {},
): Promise<RegistrationResponseJSON> {
  // Unknown `hints` and `transports` strings pass through; browsers ignore them (WebAuthn L3 §5.8.4).
  const credential = await startRegistration({ optionsJSON: optionsJSON as BrowserCreationOptions, useAutoRegister: conditional });
  return checkCeremonyResult(RegistrationResponseJSON, credential);
}

/** The registration exchange: creation options from the backend, the ceremony, the attestation back. */
export async function registerPasskey(
  post: (body: unknown) => Promise<unknown>,
  create: (optionsJSON: PublicKeyCredentialCreationOptionsJSON) => Promise<RegistrationResponseJSON>,
): Promise<Passkey> {
  const { creation_options } = parseWith(PasskeyCreationOptionsResponse, await post({ action: 'options' }));
  const response = await create(creation_options);
  return parseWith(PasskeyRegistrationResponse, await post({ action: 'verify', response })).passkey;
}
