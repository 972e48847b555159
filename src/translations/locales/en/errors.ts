import type { LatchErrorCode } from '../../../client/errors.js';
import type { Plural } from '../../format.js';
import { network } from './network.js';

/** English messages of every error code (STYLE.md 9: keyed by code, never by backend text). */
export const errors = {
  ...network,
  LATCH_TIMEOUT: 'The sign-in service is taking too long to answer. Try again.',
  LATCH_ABORTED: '',
  LATCH_INVALID_RESPONSE: 'Something went wrong on our side. Try again in a moment.',
  LATCH_UNSUPPORTED_BACKEND: "Sign-in isn't available here right now.",
  LATCH_RATE_LIMITED: 'Too many attempts. Try again later.',
  LATCH_INVALID_CREDENTIALS: "That email and password don't match. Try again, or use another method.",
  LATCH_INVALID_CODE: "That code didn't work. Check it and try again.",
  LATCH_EXPIRED_CODE: 'That code has expired. Send a new code.',
  LATCH_TOO_MANY_ATTEMPTS: 'Too many wrong attempts. Send a new code or use another method.',
  LATCH_ACCOUNT_LOCKED: 'Too many failed attempts, so this account is locked for now. Sign in with a passkey, or try again later.',
  LATCH_WEAK_PASSWORD: 'Choose a longer password.',
  LATCH_PASSWORD_BREACHED: 'This password has appeared in a data breach, so attackers try it first. Choose a different one.',
  LATCH_SIGN_UP_DISABLED: "New accounts can't be created here.",
  LATCH_SESSION_EXPIRED: 'Your sign-in took too long. Please try again.',
  LATCH_REDIRECT_REQUIRED: 'This sign-in has to continue on the sign-in page.',
  LATCH_COOKIES_BLOCKED: 'Your browser blocked the sign-in cookie. Allow cookies for this site, then try again.',
  LATCH_NOT_SIGNED_IN: 'Please sign in again.',
  LATCH_PASSKEY_CANCELLED: 'Passkey sign-in was cancelled.',
  LATCH_PASSKEY_UNAVAILABLE: "Passkeys aren't available on this device. Use another method.",
  LATCH_PASSKEY_UNKNOWN: "This passkey can't be used any more. Use another method.",
  LATCH_PASSKEY_ALREADY_REGISTERED: 'This device already has a passkey for your account.',
  LATCH_PASSKEY_FAILED: "We couldn't verify your passkey. Try again, or use another method.",
  LATCH_SSO_CANCELLED: 'Sign-in was cancelled at the provider. Choose another way to sign in.',
  LATCH_SSO_UNAVAILABLE: "That sign-in provider isn't answering right now. Try again, or use another method.",
  LATCH_SSO_FAILED: "Signing in with that provider didn't work. Try again, or use another method.",
  LATCH_CALLBACK_INVALID: "This sign-in couldn't be completed safely, so nothing was changed. Please start again.",
  LATCH_CALLBACK_REPLAYED: 'This sign-in link has already been used. Please start again.',
  LATCH_CALLBACK_UNKNOWN: "This sign-in wasn't started in this tab. Please start again.",
  LATCH_POPUP_BLOCKED: 'Your browser blocked the sign-in window, so we opened the sign-in page here instead.',
  LATCH_POPUP_CLOSED: 'The sign-in window was closed before you finished. Choose a way to sign in.',
  LATCH_STEP_UP_REQUIRED: 'Please confirm it’s you to continue.',
  LATCH_STEP_UP_UNMET: "We can't confirm it's you with the methods on this account, so this action isn't available.",
  LATCH_STEP_UP_FAILED: "You confirmed it's you, but this action still isn't allowed. Contact support if it keeps happening.",
  LATCH_STEP_UP_CANCELLED: "You didn't confirm it's you, so nothing was changed.",
  LATCH_SESSION_ENDED: 'You were signed out. Sign in again to continue.',
  LATCH_SERVER_ERROR: 'Something went wrong on our side. Try again in a moment.',
  LATCH_INVALID_OPTIONS: 'This sign-in form is not set up correctly.',
  // A misconfiguration (the site's developer reads the technical detail appended after it, see config-detail.ts).
  LATCH_CONFIG_ISSUER_MISMATCH: "Sign-in isn't available on this page right now.",
  LATCH_CONFIG_DISCOVERY_UNREACHABLE: "Sign-in isn't available on this page right now.",
  LATCH_CONFIG_CORS_REFUSED: "Sign-in isn't available on this page right now.",
  LATCH_CONFIG_INVALID_CLIENT: "Sign-in isn't available on this page right now.",
  LATCH_CONFIG_PROFILE_VERSION: "Sign-in isn't available on this page right now.",
  LATCH_CONFIG_NO_OAUTH_ENDPOINTS: "Sign-in isn't available on this page right now.",
  LATCH_LAST_METHOD: 'Add a passkey before you remove your password, so you can still sign in.',
  LATCH_EMAIL_TAKEN: 'Another account uses that email address.',
  LATCH_RECOVERY_NOT_READY: "You can't finish getting back in yet. Wait until the time in our email, and use the browser you started in.",
  LATCH_LINK_EXPIRED: 'That link has expired or a newer one was sent. Send a new link.',
  LATCH_TERMS_REQUIRED: 'To create an account, agree to the Terms and the Privacy Policy.',
  LATCH_TERMS_DECLINED: "You declined the new terms, so you can't sign in. To use your account, sign in again and accept them; if you'd rather close it, contact us and we'll delete your account.",
  LATCH_PROFILE_INVALID: "That doesn't look right. Check it, or skip this question.",
  LATCH_ORIGIN_NOT_ALLOWED: "Sign-in isn't available at this page's address.",
} as const satisfies Record<LatchErrorCode, string>;

/**
 * The message of an error that carries a number, used instead of the one in {@link errors} when it does:
 * `count` is the attempts left (`LATCH_INVALID_CODE`), the seconds to wait (`LATCH_RATE_LIMITED`,
 * `LATCH_TOO_MANY_ATTEMPTS`), the minutes to wait (`LATCH_ACCOUNT_LOCKED`) or the shortest length
 * (`LATCH_WEAK_PASSWORD`). See `errorText` in `../../errors.ts`.
 */
export const errorCounts = {
  LATCH_INVALID_CODE: { one: "That code didn't work. {count} try left.", other: "That code didn't work. {count} tries left." },
  LATCH_RATE_LIMITED: { one: 'Too many attempts. Try again in {count} second.', other: 'Too many attempts. Try again in {count} seconds.' },
  LATCH_TOO_MANY_ATTEMPTS: {
    one: 'Too many wrong attempts. Send a new code or use another method. Try again in {count} second.',
    other: 'Too many wrong attempts. Send a new code or use another method. Try again in {count} seconds.',
  },
  LATCH_ACCOUNT_LOCKED: {
    one: 'Too many failed attempts, so this account is locked for now. Sign in with a passkey, or try again in {count} minute.',
    other: 'Too many failed attempts, so this account is locked for now. Sign in with a passkey, or try again in {count} minutes.',
  },
  LATCH_WEAK_PASSWORD: {
    one: 'Choose a password of at least {count} character.',
    other: 'Choose a password of at least {count} characters.',
  },
} as const satisfies Partial<Record<LatchErrorCode, Plural>>;
