/** English words of `<latch-social-buttons>` (built in: the buttons appear inside the sign-in form). */
export const social = {
  continueWith: 'Continue with {provider}',
  signingIn: 'Signing you in…',
} as const;
