import * as z from 'zod/mini';
import { integer, text, token } from './limits.js';
import { Method } from './challenge.js';

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
