/** English words of `<latch-login>` (built in: the form needs them before anything else loads). */
export const login = {
  signInTitle: 'Sign in',
  signInTitleSite: 'Sign in to {site}',
  signUpTitle: 'Create your account',
  signUpTitleSite: 'Create your {site} account',
  emailLabel: 'Email',
  continue: 'Continue',
  or: 'or',
  passkeySignIn: 'Sign in with a passkey',
  newHere: 'New here?',
  createAccount: 'Create an account',
  haveAccount: 'Already have an account?',
  /** The link back from sign-up, and the combined layout's submit. */
  signInInstead: 'Sign in',
  change: 'Change',
  codeResent: 'A new code is on its way. The old one no longer works.',
  working: 'Working…',
  /** Shown instead of the form inside another site's frame (clickjacking, reliability.md S31). */
  framedTitle: 'Open this page in its own window',
  framedRefused: "For your safety, you can't sign in or confirm it's you inside another website. Open this site in its own window or tab to continue.",
  signedOut: 'You signed out.',
  signedOutElsewhere: 'You signed out in another tab.',
  signedOutIdle: 'You were signed out because you were inactive.',
  sessionEnded: 'Your session ended. Sign in again to continue.',
  signedInElsewhere: 'You signed in in another tab.',
  passkeyCreated: 'Passkey created. Next time, sign in with one touch.',
  emailInvalid: 'Enter an email address, like name@example.com.',
  passwordMissing: 'Enter your password.',
  passwordTooShort: { one: 'Use at least {count} character.', other: 'Use at least {count} characters.' },
  codeInvalidFormat: 'Enter the {count}-digit code from the email.',
  /** The badge on the method or provider this device last signed in with (issue 14). */
  lastUsed: 'Last used',
  /** The sign-up link's other wordings (`sign-up-cta="free"`, `"quick"`; `standard` is `createAccount`). */
  createAccountFree: 'Create a free account',
  createAccountQuick: 'Create an account in a minute',
  /** The combined layout's first step (`layout="combined"`): the password under the email, and the way to another method. */
  passwordLabel: 'Password',
  otherMethods: 'Use another method',
} as const;
