import * as z from 'zod/mini';
import { integer, text, token } from './limits.js';
import { Method } from './challenge.js';
import { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from './webauthn.js';

/** The signed-in user, as much as a widget shows. */
export const User = z.object({
  sub: token(256),
  email: z.optional(text(320)),
  name: z.optional(text(256)),
});
export type User = z.infer<typeof User>;

/** `GET ciam_session_endpoint`: the session behind the backend's HttpOnly cookie. */
export const SessionStatus = z.object({
  active: z.boolean(),
  user: z.optional(User),
  /** How the user signed in (RFC 8176 values such as `pwd`, `otp`, `hwk`). */
  amr: z.optional(z.array(text(32)).check(z.maxLength(16))),
  auth_time: z.optional(integer()),
  expires_at: z.optional(integer()),
  /** Whether the user already has a passkey, for the enrollment nudge. */
  has_passkey: z.optional(z.boolean()),
  /** The method used for this session. */
  method: z.optional(Method),
});
export type SessionStatus = z.infer<typeof SessionStatus>;

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
  /** RP ID and user handle, for the WebAuthn Signal API after changes. */
  rp_id: z.optional(token(253)),
  user_id: z.optional(token(128)),
});
export type Passkey = z.infer<typeof Passkey>;

/** Answer to `{ action: 'verify' }`. */
export const PasskeyRegistrationResponse = z.object({ passkey: Passkey });
export type PasskeyRegistrationResponse = z.infer<typeof PasskeyRegistrationResponse>;
