import * as z from 'zod/mini';
import { integer, shared, text, token } from './limits.js';

// W3C WebAuthn Level 3 JSON shapes (§5.1.8-§5.1.10, `PublicKeyCredential*JSON`), bounded so a hostile
// backend cannot hand the authenticator absurd values. Base64url fields stay strings, as on the wire.

export const base64url = shared((max: number = 1024) => token(max).check(z.regex(/^[A-Za-z0-9_-]+$/, 'must be base64url')));

export const CredentialDescriptor = z.object({
  id: base64url(),
  type: z.literal('public-key'),
  transports: z.optional(z.array(text(32)).check(z.maxLength(8))),
});

export const UserVerification = z.optional(z.enum(['required', 'preferred', 'discouraged']));

/** `PublicKeyCredentialRequestOptionsJSON` (§5.1.10). */
export const PublicKeyCredentialRequestOptionsJSON = z.object({
  challenge: base64url(),
  timeout: z.optional(integer(0, 600_000)),
  rpId: z.optional(token(253)),
  allowCredentials: z.optional(z.array(CredentialDescriptor).check(z.maxLength(64))),
  userVerification: UserVerification,
  hints: z.optional(z.array(text(32)).check(z.maxLength(8))),
});
export type PublicKeyCredentialRequestOptionsJSON = z.infer<typeof PublicKeyCredentialRequestOptionsJSON>;

export const clientExtensionResults = z.looseObject({});

/** `AuthenticationResponseJSON` (§5.1.9, `toJSON()` of an assertion). */
export const AuthenticationResponseJSON = z.object({
  id: base64url(),
  rawId: base64url(),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64url(8192),
    authenticatorData: base64url(8192),
    signature: base64url(2048),
    userHandle: z.optional(base64url(128)),
  }),
  authenticatorAttachment: z.optional(z.enum(['platform', 'cross-platform'])),
  clientExtensionResults,
});
export type AuthenticationResponseJSON = z.infer<typeof AuthenticationResponseJSON>;
