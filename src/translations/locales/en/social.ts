/** English words of `<latch-social-buttons>` (built in: the buttons appear inside the sign-in form). */
export const social = {
  continueWith: 'Continue with {provider}',
  signingIn: 'Signing you in…',
  /** The badge on the provider this device last signed in with (issue 14). */
  lastUsed: 'Last used',
} as const;
