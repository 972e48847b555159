import * as z from 'zod/mini';
import { integer, text, token } from './limits.js';
import { base64url, clientExtensionResults, CredentialDescriptor, UserVerification } from './webauthn.js';

// Passkey registration for a signed-in user: its own module, so the sign-in form's bundle does not
// carry these schemas (they load with the registration chunk).

/** `PublicKeyCredentialCreationOptionsJSON` (§5.1.8). */
export const PublicKeyCredentialCreationOptionsJSON = z.object({
  rp: z.object({ id: z.optional(token(253)), name: token(256) }),
  user: z.object({
    // §5.4.3: user.id is at most 64 bytes, so at most 86 base64url characters.
    id: base64url(86),
    name: token(256),
    displayName: text(256),
  }),
  challenge: base64url(),
  pubKeyCredParams: z
    .array(z.object({ type: z.literal('public-key'), alg: integer() }))
    .check(z.minLength(1), z.maxLength(16)),
  timeout: z.optional(integer(0, 600_000)),
  excludeCredentials: z.optional(z.array(CredentialDescriptor).check(z.maxLength(64))),
  authenticatorSelection: z.optional(
    z.object({
      authenticatorAttachment: z.optional(z.enum(['platform', 'cross-platform'])),
      residentKey: z.optional(z.enum(['required', 'preferred', 'discouraged'])),
      requireResidentKey: z.optional(z.boolean()),
      userVerification: UserVerification,
    }),
  ),
  attestation: z.optional(z.enum(['none', 'indirect', 'direct', 'enterprise'])),
  hints: z.optional(z.array(text(32)).check(z.maxLength(8))),
  extensions: z.optional(z.looseObject({})),
});
export type PublicKeyCredentialCreationOptionsJSON = z.infer<typeof PublicKeyCredentialCreationOptionsJSON>;

/** `RegistrationResponseJSON` (§5.1.8, `toJSON()` of an attestation). */
export const RegistrationResponseJSON = z.object({
  id: base64url(),
  rawId: base64url(),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url(8192),
    attestationObject: base64url(65_536),
    authenticatorData: z.optional(base64url(65_536)),
    transports: z.optional(z.array(text(32)).check(z.maxLength(8))),
    publicKeyAlgorithm: z.optional(integer()),
    publicKey: z.optional(base64url(8192)),
  }),
  authenticatorAttachment: z.optional(z.enum(['platform', 'cross-platform'])),
  clientExtensionResults,
});
export type RegistrationResponseJSON = z.infer<typeof RegistrationResponseJSON>;

/** `POST ciam_passkey_registration_endpoint` body: ask for creation options, or send the attestation. */
export const PasskeyRegistrationRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('options') }),
  z.object({ action: z.literal('verify'), response: RegistrationResponseJSON }),
]);
export type PasskeyRegistrationRequest = z.infer<typeof PasskeyRegistrationRequest>;

/** Answer to `{ action: 'options' }`. */
export const PasskeyCreationOptionsResponse = z.object({ creation_options: PublicKeyCredentialCreationOptionsJSON });
export type PasskeyCreationOptionsResponse = z.infer<typeof PasskeyCreationOptionsResponse>;

/** A registered passkey as the backend describes it. */
export const Passkey = z.object({
  id: token(1024),
  name: text(256),
  created_at: integer(),
  /** Epoch seconds of the last sign-in with it; null when never used. */
  last_used_at: z.optional(z.nullable(integer())),
  /** Backed up and synced across the user's devices (backup state, WebAuthn §6.1.3); false: this device only. */
  synced: z.optional(z.boolean()),
  /** RP ID and user handle, for the WebAuthn Signal API after changes. */
  rp_id: z.optional(token(253)),
  user_id: z.optional(token(128)),
});
export type Passkey = z.infer<typeof Passkey>;

/** Answer to `{ action: 'verify' }`. */
export const PasskeyRegistrationResponse = z.object({ passkey: Passkey });
export type PasskeyRegistrationResponse = z.infer<typeof PasskeyRegistrationResponse>;
