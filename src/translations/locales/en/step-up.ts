/** English words of `<latch-step-up>` besides the factor's own (see `factor.ts`); loads with the element. */
export const stepUp = {
  title: "Confirm it's you",
  /** The requirement in plain words: a more recent sign-in (`max_age`). */
  reasonRecent: "It's been a while since you signed in. To keep your account safe, confirm it's you before you continue.",
  /** A stronger check (`acr_values`), with or without a recent one. */
  reasonStronger: "This is a sensitive action, so it needs a second check that it's you.",
  /** Neither said (the page asked without details). */
  reasonDefault: "To keep your account safe, confirm it's you before you continue.",
  cancel: 'Cancel',
  checking: 'Checking…',
} as const;
