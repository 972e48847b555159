import * as z from 'zod/mini';
import { integer, seconds, text, token } from './limits.js';
import { Method } from './challenge.js';
import { ConsentReceipt } from './policies.js';
import { LastSignIn } from './trust.js';

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
  /** The authentication context class reached (see `acr_values_supported`), e.g. `urn:latch:acr:mfa`. */
  acr: z.optional(text(256)),
  /** When the user last actively authenticated, epoch seconds (step-up `max_age` counts from here). */
  auth_time: z.optional(integer()),
  /** Absolute end of the session, epoch seconds. */
  expires_at: z.optional(integer()),
  /** When the session ends unless it is used or extended (`PATCH` the session endpoint), epoch seconds. */
  idle_expires_at: z.optional(integer()),
  /** The idle timeout in seconds, so a page can warn ahead of `idle_expires_at`. */
  idle_timeout: z.optional(seconds()),
  /** Whether the user already has a passkey, for the enrollment nudge. */
  has_passkey: z.optional(z.boolean()),
  /** The method used for this session. */
  method: z.optional(Method),
  /** The customer's current decision on each account policy (terms, privacy, marketing): profile §24.4. */
  consents: z.optional(z.array(ConsentReceipt).check(z.maxLength(16))),
  /** The customer's sign-in before the one that started this session (profile §26.3), if any. Personal data. */
  last_sign_in: z.optional(LastSignIn),
  /** This session's sign-in came from a browser the account had not used before (profile §26.4). */
  new_device: z.optional(z.boolean()),
});
export type SessionStatus = z.infer<typeof SessionStatus>;
