import type { Factor, Reason } from '../../protocol/index.js';

/** The words of a factor step (second factor or step-up). A lazily loaded table: it stays out of the base bundle. */
export interface FactorStrings {
  $code: string;
  /** The heading of a second factor in `<latch-login>`. */
  title: (reason: Reason | undefined) => string;
  /** Why the backend asks, in plain words. */
  reason: Record<Reason, string>;
  passkeyPrompt: string;
  usePasskey: string;
  useCodeInstead: string;
  totpPrompt: (length: number) => string;
  smsPrompt: (destination: string) => string;
  emailPrompt: (destination: string) => string;
  recoveryPrompt: string;
  codeLabel: string;
  codeHint: (length: number) => string;
  recoveryLabel: string;
  recoveryHint: string;
  verify: string;
  resend: string;
  resendIn: (seconds: number) => string;
  codeResent: string;
  tryAnotherWay: string;
  otherWaysLabel: string;
  /** How each factor is offered in "Try another way". */
  factor: Record<Factor, string>;
  codeInvalidFormat: (length: number) => string;
  recoveryMissing: string;
  passkeyCancelled: string;
}

/** English. */
export const factorEn: FactorStrings = {
  $code: 'en',
  title: (reason) => (reason === 'new_device' ? "New device: confirm it's you" : "Confirm it's you"),
  reason: {
    new_device: "We don't recognise this device, so we need a second check before you sign in.",
    many_failures: 'Someone tried to sign in to your account several times without success, so we need a second check.',
    mfa_enrolled: 'Your account has two-step verification turned on.',
    step_up: "This action needs you to confirm it's you.",
  },
  passkeyPrompt: 'Use your passkey. Your device will ask for your fingerprint, face or screen lock.',
  usePasskey: 'Use passkey',
  useCodeInstead: 'Use a code instead',
  totpPrompt: (length) => `Enter the ${length}-digit code from your authenticator app.`,
  smsPrompt: (destination) => `We texted a code to ${destination}.`,
  emailPrompt: (destination) => `We emailed a code to ${destination}.`,
  recoveryPrompt: 'Enter one of the recovery codes you saved when you turned on two-step verification. Each code works once.',
  codeLabel: 'Code',
  codeHint: (length) => `${length} digits. You can paste it.`,
  recoveryLabel: 'Recovery code',
  recoveryHint: 'Like abcd-efgh. Capitals and spaces do not matter.',
  verify: 'Verify',
  resend: 'Send a new code',
  resendIn: (seconds) => `You can ask for a new code in ${seconds} s.`,
  codeResent: 'A new code is on its way. The old one no longer works.',
  tryAnotherWay: 'Try another way',
  otherWaysLabel: 'Other ways to confirm it’s you',
  factor: {
    passkey: 'Use a passkey',
    totp: 'Use your authenticator app',
    sms_otp: 'Text a code to my phone',
    email_otp: 'Email me a code',
    recovery_code: 'Use a recovery code',
  },
  codeInvalidFormat: (length) => `Enter the ${length}-digit code.`,
  recoveryMissing: 'Enter a recovery code.',
  passkeyCancelled: 'The passkey check was cancelled. Choose "Use passkey" to try again.',
};

const table = new Map<string, FactorStrings>([['en', factorEn]]);

/**
 * The factor words by locale: `factorStrings.register(…)` adds one, `factorStrings.for(lang)` picks the best
 * (`pt-BR` → `pt-br`, then `pt`, else English). The same contract as `stringTable()`, written out here: this
 * chunk importing that helper from the entry makes the bundler move Lit out of the entry into an extra file.
 */
export const factorStrings = {
  register: (...locales: FactorStrings[]) => {
    for (const locale of locales) table.set(locale.$code.toLowerCase(), locale);
  },
  for: (lang: string | undefined): FactorStrings => {
    const tag = (lang ?? '').toLowerCase();
    return table.get(tag) ?? table.get(tag.split('-')[0] ?? '') ?? factorEn;
  },
};
