import * as z from 'zod/mini';
import { integer, seconds, text, token } from './limits.js';
import { Passkey } from './passkey-registration.js';
import { Email } from './requests.js';
import { base64url } from './webauthn.js';

// The signed-in user's own security settings: passkeys and the other factors. Its own module, like
// passkey registration, so the sign-in form's bundle does not carry these schemas.

/**
 * `GET ciam_passkeys_endpoint`: the user's passkeys, and what the WebAuthn Signal API needs to keep the
 * password manager in step (`signalAllAcceptedCredentials`, `signalCurrentUserDetails`, WebAuthn L3 §5.1.10).
 */
export const PasskeyList = z.object({
  rp_id: token(253),
  user: z.object({ id: base64url(86), name: token(256), display_name: text(256) }),
  passkeys: z.array(Passkey).check(z.maxLength(100)),
});
export type PasskeyList = z.infer<typeof PasskeyList>;

/** `PATCH ciam_passkeys_endpoint/{id}`: a new name for a passkey. */
export const PasskeyRename = z.object({ name: token(64) });
export type PasskeyRename = z.infer<typeof PasskeyRename>;

/** `GET ciam_factors_endpoint`: which factors besides passkeys the user has set up. */
export const FactorSummary = z.object({
  /** An authenticator app is set up. */
  totp: z.boolean(),
  /** The verified phone for text codes, masked. */
  phone: z.optional(z.object({ hint: text(64) })),
  /** Unused recovery codes left; 0 when none were made. */
  recovery_codes_remaining: integer(0, 100),
  /** The account has a password (profile §21). Absent from backends older than §21: then unknown. */
  password: z.optional(z.boolean()),
  /**
   * `true`: this backend keeps recovery codes with a second factor, so it makes them only once an authenticator
   * app (or a phone) is set up, and they go when it does (§15.1). Absent: codes can be made at any time.
   */
  recovery_codes_need_factor: z.optional(z.boolean()),
});
export type FactorSummary = z.infer<typeof FactorSummary>;

/** `POST ciam_factors_endpoint/totp`: start (a new secret) or finish (prove the app has it) an authenticator app setup. */
export const TotpEnrollmentRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start') }),
  z.object({ action: z.literal('verify'), code: token(16) }),
]);
export type TotpEnrollmentRequest = z.infer<typeof TotpEnrollmentRequest>;

/** Answer to `{ action: 'start' }`: the secret as a QR code payload and as a key to type by hand. */
export const TotpEnrollment = z.object({
  /** Base32 (RFC 4648 §6), grouped for typing. */
  secret: token(128),
  /** `otpauth://totp/…` (Key Uri Format) for the QR code. */
  otpauth_uri: token(1024),
  digits: integer(6, 8),
  period: integer(15, 120),
});
export type TotpEnrollment = z.infer<typeof TotpEnrollment>;

/** `POST ciam_factors_endpoint/phone`: add a phone (a code is texted to it) or confirm it with that code. */
export const PhoneEnrollmentRequest = z.discriminatedUnion('action', [
  /** E.164, e.g. `+447700900123`. */
  z.object({ action: z.literal('start'), phone_number: z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number')) }),
  z.object({ action: z.literal('verify'), code: token(16) }),
]);
export type PhoneEnrollmentRequest = z.infer<typeof PhoneEnrollmentRequest>;

/** Answer to `{ action: 'start' }` for a phone. */
export const PhoneEnrollment = z.object({
  destination_hint: text(64),
  code_length: integer(4, 12),
  resend_after: seconds(),
});
export type PhoneEnrollment = z.infer<typeof PhoneEnrollment>;

/** `POST ciam_factors_endpoint/recovery-codes`: a new set, shown once; the old set stops working. */
export const RecoveryCodes = z.object({ codes: z.array(token(64)).check(z.minLength(1), z.maxLength(20)) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

/** `PUT ciam_factors_endpoint/password`: set a password, or change it (profile §21.1). Length is the backend's rule. */
export const PasswordChange = z.object({ password: token(1024) });
export type PasswordChange = z.infer<typeof PasswordChange>;

/** `GET ciam_email_endpoint`, and the answer to a verified change: the account's proven address (profile §21.2). */
export const AccountEmail = z.object({
  email: Email,
  /** Whether `email` was proven; the ID token's `email_verified` says the same. */
  email_verified: z.boolean(),
  /** A change waiting for its code: the new address (not yet the account's) and when its code expires. */
  pending: z.optional(z.object({ email: Email, expires_in: seconds(), resend_after: seconds() })),
});
export type AccountEmail = z.infer<typeof AccountEmail>;

/** `POST ciam_email_endpoint`: mail a code to a new address, or prove the address with that code. */
export const EmailChangeRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start'), email: Email }),
  z.object({ action: z.literal('verify'), code: token(16) }),
]);
export type EmailChangeRequest = z.infer<typeof EmailChangeRequest>;

/** Answer to `{ action: 'start' }`: the same whether or not another account uses the address. */
export const EmailChangeStarted = z.object({
  destination_hint: text(320),
  code_length: integer(4, 12),
  expires_in: seconds(),
  resend_after: seconds(),
});
export type EmailChangeStarted = z.infer<typeof EmailChangeStarted>;
