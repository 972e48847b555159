import { stringTable } from '../../translations/translation.js';

/** The words of `<latch-security>`; a lazily loaded element keeps its own table (see `stringTable`). */
export interface SecurityStrings {
  $code: string;
  title: string;
  loading: string;
  retry: string;
  cancel: string;
  remove: string;
  copy: string;
  copied: string;
  verify: string;
  codeLabel: string;
  codeHint: (length: number) => string;
  codeInvalid: (length: number) => string;
  on: string;
  off: string;
  totpTitle: string;
  totpIntro: string;
  totpSetUp: string;
  totpScan: string;
  totpQrLabel: string;
  totpManual: string;
  totpKeyLabel: string;
  totpDone: string;
  totpRemoveConfirm: string;
  totpRemoved: string;
  phoneTitle: string;
  phoneIntro: string;
  phoneAdd: string;
  phoneLabel: string;
  phoneHint: string;
  phoneInvalid: string;
  phoneSend: string;
  phoneSent: (destination: string) => string;
  phoneResend: string;
  phoneOn: (hint: string) => string;
  phoneDone: string;
  phoneRemoveConfirm: string;
  phoneRemoved: string;
  codesTitle: string;
  codesIntro: string;
  codesRemaining: (count: number) => string;
  codesNone: string;
  codesCreate: string;
  codesRegenerate: string;
  codesRegenerateWarning: string;
  codesRegenerateConfirm: string;
  codesShowOnce: string;
  codesListLabel: string;
  codesDownload: string;
  codesSaved: string;
  codesCreated: string;
  codesFileHeading: (site: string) => string;
}

/** English. */
export const en: SecurityStrings = {
  $code: 'en',
  title: 'Account security',
  loading: 'Loading your security settings…',
  retry: 'Try again',
  cancel: 'Cancel',
  remove: 'Remove',
  copy: 'Copy',
  copied: 'Copied.',
  verify: 'Verify',
  codeLabel: 'Code',
  codeHint: (length) => `Enter the ${length}-digit code. You can paste it.`,
  codeInvalid: (length) => `Enter the ${length}-digit code.`,
  on: 'On',
  off: 'Off',
  totpTitle: 'Authenticator app',
  totpIntro: 'Get a sign-in code from an app such as Google Authenticator, Microsoft Authenticator or 1Password.',
  totpSetUp: 'Set up an authenticator app',
  totpScan: 'Scan this QR code with your authenticator app, then enter the code it shows.',
  totpQrLabel: 'QR code to scan with your authenticator app',
  totpManual: "Can't scan it? Type this key into the app instead:",
  totpKeyLabel: 'Setup key',
  totpDone: 'Authenticator app set up. You can use its codes to confirm it’s you.',
  totpRemoveConfirm: 'Remove the authenticator app? Its codes will stop working for this account.',
  totpRemoved: 'Authenticator app removed.',
  phoneTitle: 'Text message codes',
  phoneIntro: 'Get a code by text message when we need to confirm it’s you.',
  phoneAdd: 'Add a phone number',
  phoneLabel: 'Mobile number',
  phoneHint: 'With the country code, like +44 7700 900123.',
  phoneInvalid: 'Enter the number with its country code, like +44 7700 900123.',
  phoneSend: 'Send a code',
  phoneSent: (destination) => `We texted a code to ${destination}.`,
  phoneResend: 'Send a new code',
  phoneOn: (hint) => `Codes are texted to ${hint}.`,
  phoneDone: 'Phone number added.',
  phoneRemoveConfirm: 'Remove this phone number? We will stop texting codes to it.',
  phoneRemoved: 'Phone number removed.',
  codesTitle: 'Recovery codes',
  codesIntro: 'Single-use codes that let you in if you lose your other methods. Keep them somewhere safe.',
  codesRemaining: (count) => `${count} unused ${count === 1 ? 'code' : 'codes'} left.`,
  codesNone: 'You have no recovery codes.',
  codesCreate: 'Create recovery codes',
  codesRegenerate: 'Create new codes',
  codesRegenerateWarning: 'New codes replace the old ones: your current codes will stop working.',
  codesRegenerateConfirm: 'Replace my codes',
  codesShowOnce: 'Save these codes now. They will not be shown again.',
  codesListLabel: 'Your recovery codes',
  codesDownload: 'Download',
  codesSaved: 'I have saved them',
  codesCreated: 'New recovery codes created. Save them now.',
  codesFileHeading: (site) => `Recovery codes for ${site}. Each works once.`,
};

/** Locales of `<latch-security>`: add one with `securityStrings.register({...})`. */
export const securityStrings = stringTable(en);
