import { registerTranslation, type Translation } from './translation.js';

/** A misconfiguration: calm for the customer, exact for the site's developer, who reads the rest. */
const notSetUp = (forDeveloper: string) => `Sign-in isn't available on this page right now. For the site's developer: ${forDeveloper}`;

const tryIn = (seconds?: number) => (seconds ? ` Try again in ${seconds} seconds.` : ' Try again later.');

/** English, the default locale. */
export const en: Translation = {
  $code: 'en',
  $dir: 'ltr',
  signInTitle: (site) => (site ? `Sign in to ${site}` : 'Sign in'),
  signUpTitle: (site) => (site ? `Create your ${site} account` : 'Create your account'),
  emailLabel: 'Email',
  continue: 'Continue',
  or: 'or',
  passkeySignIn: 'Sign in with a passkey',
  continueWith: (provider) => `Continue with ${provider}`,
  signingIn: 'Signing you in…',
  newHere: 'New here?',
  createAccount: 'Create an account',
  haveAccount: 'Already have an account?',
  signInInstead: 'Sign in',
  change: 'Change',
  chooseMethodTitle: 'Choose how to sign in',
  useAnotherMethod: 'Use another method',
  methodPasskey: 'Sign in with a passkey',
  methodEmailCode: 'Email me a code',
  methodPassword: 'Use my password',
  passwordTitle: 'Enter your password',
  passwordLabel: 'Password',
  newPasswordTitle: 'Create a password',
  newPasswordLabel: 'New password',
  passwordHint: (min) => `At least ${min} characters. Spaces, symbols and emoji are all fine.`,
  showPassword: 'Show password',
  signIn: 'Sign in',
  createAccountSubmit: 'Create account',
  signUpWithoutPassword: 'Skip the password: email me a code',
  codeTitle: 'Check your email',
  codeSent: (destination) => `We sent a code to ${destination}. It may take a minute to arrive.`,
  codeLabel: 'Code',
  codeHint: (length) => `Enter the ${length}-digit code from the email. You can paste it.`,
  verify: 'Verify',
  resendCode: 'Send a new code',
  resendIn: (seconds) => `You can ask for a new code in ${seconds} s.`,
  codeResent: 'A new code is on its way. The old one no longer works.',
  passkeyTitle: 'Use your passkey',
  passkeyBody: 'Your device will ask for your fingerprint, face or screen lock.',
  passkeyTryAgain: 'Try your passkey again',
  working: 'Working…',
  framedTitle: 'Open this page in its own window',
  framedRefused: "For your safety, you can't sign in or confirm it's you inside another website. Open this site in its own window or tab to continue.",
  signedInTitle: "You're signed in",
  signedInAs: (who) => `Signed in as ${who}`,
  signOut: 'Sign out',
  signedOut: 'You signed out.',
  signedOutElsewhere: 'You signed out in another tab.',
  signedOutIdle: 'You were signed out because you were inactive.',
  sessionEnded: 'Your session ended. Sign in again to continue.',
  signedInElsewhere: 'You signed in in another tab.',
  nudgeTitle: 'Sign in faster next time',
  nudgeBody: 'Create a passkey: you sign in with your fingerprint, face or screen lock, and it cannot be phished.',
  nudgeCreate: 'Create a passkey',
  nudgeNotNow: 'Not now',
  passkeyCreated: 'Passkey created. Next time, sign in with one touch.',
  emailInvalid: 'Enter an email address, like name@example.com.',
  passwordMissing: 'Enter your password.',
  passwordTooShort: (min) => `Use at least ${min} characters.`,
  codeInvalidFormat: (length) => `Enter the ${length}-digit code from the email.`,
  errors: {
    LATCH_NETWORK: () => "We couldn't reach the sign-in service. Check your connection and try again.",
    LATCH_TIMEOUT: () => 'The sign-in service is taking too long to answer. Try again.',
    LATCH_ABORTED: () => '',
    LATCH_INVALID_RESPONSE: () => 'Something went wrong on our side. Try again in a moment.',
    LATCH_UNSUPPORTED_BACKEND: () => "Sign-in isn't available here right now.",
    LATCH_RATE_LIMITED: ({ retryAfter }) => `Too many attempts.${tryIn(retryAfter)}`,
    LATCH_INVALID_CREDENTIALS: () => "That email and password don't match. Try again, or use another method.",
    LATCH_INVALID_CODE: ({ attemptsRemaining }) =>
      attemptsRemaining === undefined
        ? "That code didn't work. Check it and try again."
        : `That code didn't work. ${attemptsRemaining} ${attemptsRemaining === 1 ? 'try' : 'tries'} left.`,
    LATCH_EXPIRED_CODE: () => 'That code has expired. Send a new code.',
    LATCH_TOO_MANY_ATTEMPTS: ({ retryAfter }) =>
      `Too many wrong attempts. Send a new code or use another method.${retryAfter ? tryIn(retryAfter) : ''}`,
    LATCH_ACCOUNT_LOCKED: ({ retryAfter }) =>
      `Too many failed attempts, so this account is locked for now. Sign in with a passkey, or try again ${
        retryAfter ? `in ${Math.ceil(retryAfter / 60)} ${Math.ceil(retryAfter / 60) === 1 ? 'minute' : 'minutes'}` : 'later'
      }.`,
    LATCH_WEAK_PASSWORD: ({ minLength }) =>
      minLength ? `Choose a password of at least ${minLength} characters.` : 'Choose a longer password.',
    LATCH_SIGN_UP_DISABLED: () => "New accounts can't be created here.",
    LATCH_SESSION_EXPIRED: () => 'Your sign-in took too long. Please try again.',
    LATCH_REDIRECT_REQUIRED: () => 'This sign-in has to continue on the sign-in page.',
    LATCH_COOKIES_BLOCKED: () =>
      'Your browser blocked the sign-in cookie. Allow cookies for this site, then try again.',
    LATCH_NOT_SIGNED_IN: () => 'Please sign in again.',
    LATCH_PASSKEY_CANCELLED: () => 'Passkey sign-in was cancelled.',
    LATCH_PASSKEY_UNAVAILABLE: () => "Passkeys aren't available on this device. Use another method.",
    LATCH_PASSKEY_UNKNOWN: () => "This passkey can't be used any more. Use another method.",
    LATCH_PASSKEY_ALREADY_REGISTERED: () => 'This device already has a passkey for your account.',
    LATCH_PASSKEY_FAILED: () => "We couldn't verify your passkey. Try again, or use another method.",
    LATCH_SSO_CANCELLED: () => 'Sign-in was cancelled at the provider. Choose another way to sign in.',
    LATCH_SSO_UNAVAILABLE: () => "That sign-in provider isn't answering right now. Try again, or use another method.",
    LATCH_SSO_FAILED: () => "Signing in with that provider didn't work. Try again, or use another method.",
    LATCH_CALLBACK_INVALID: () => "This sign-in couldn't be completed safely, so nothing was changed. Please start again.",
    LATCH_CALLBACK_REPLAYED: () => 'This sign-in link has already been used. Please start again.',
    LATCH_CALLBACK_UNKNOWN: () => "This sign-in wasn't started in this tab. Please start again.",
    LATCH_POPUP_BLOCKED: () => 'Your browser blocked the sign-in window, so we opened the sign-in page here instead.',
    LATCH_POPUP_CLOSED: () => 'The sign-in window was closed before you finished. Choose a way to sign in.',
    LATCH_STEP_UP_REQUIRED: () => 'Please confirm it’s you to continue.',
    LATCH_STEP_UP_UNMET: () => "We can't confirm it's you with the methods on this account, so this action isn't available.",
    LATCH_STEP_UP_FAILED: () => "You confirmed it's you, but this action still isn't allowed. Contact support if it keeps happening.",
    LATCH_STEP_UP_CANCELLED: () => "You didn't confirm it's you, so nothing was changed.",
    LATCH_SESSION_ENDED: () => 'You were signed out. Sign in again to continue.',
    LATCH_SERVER_ERROR: () => 'Something went wrong on our side. Try again in a moment.',
    LATCH_INVALID_OPTIONS: () => 'This sign-in form is not set up correctly.',
    LATCH_CONFIG_ISSUER_MISMATCH: ({ config }) =>
      notSetUp(`the sign-in service says its issuer is ${config?.discoveredIssuer ?? '?'}, but this page is set up for ${config?.issuer ?? '?'} (LATCH_CONFIG_ISSUER_MISMATCH).`),
    LATCH_CONFIG_DISCOVERY_UNREACHABLE: ({ config }) =>
      notSetUp(`no sign-in service answers at ${config?.issuer ?? '?'} (LATCH_CONFIG_DISCOVERY_UNREACHABLE).`),
    LATCH_CONFIG_CORS_REFUSED: ({ config }) =>
      notSetUp(`the sign-in service at ${config?.issuer ?? '?'} does not allow requests from ${config?.origin ?? '?'} (LATCH_CONFIG_CORS_REFUSED).`),
    LATCH_CONFIG_INVALID_CLIENT: ({ config }) =>
      notSetUp(`the sign-in service does not know the client id "${config?.clientId ?? ''}" (LATCH_CONFIG_INVALID_CLIENT).`),
    LATCH_CONFIG_PROFILE_VERSION: ({ config }) =>
      notSetUp(`the sign-in service at ${config?.issuer ?? '?'} does not support Latchkey profile ${config?.version ?? '?'} (LATCH_CONFIG_PROFILE_VERSION).`),
  },
};

registerTranslation(en);
