import { stringTable } from '../../translations/translation.js';

/** The words of `<latch-passkeys>`; a lazily loaded element keeps its own table (see `stringTable`). */
export interface PasskeysStrings {
  $code: string;
  title: string;
  intro: string;
  loading: string;
  empty: string;
  created: string;
  lastUsed: string;
  neverUsed: string;
  synced: string;
  deviceOnly: string;
  rename: string;
  nameLabel: string;
  nameHint: string;
  nameInvalid: string;
  save: string;
  cancel: string;
  remove: string;
  removeConfirm: (name: string) => string;
  removeLast: string;
  removeConfirmButton: string;
  add: string;
  added: string;
  /** The user dismissed the browser's passkey prompt while adding one. */
  addCancelled: string;
  renamed: string;
  removed: (name: string) => string;
  retry: string;
}

/** English. */
export const en: PasskeysStrings = {
  $code: 'en',
  title: 'Passkeys',
  intro: 'Passkeys let you sign in with your fingerprint, face or screen lock. They cannot be phished.',
  loading: 'Loading your passkeys…',
  empty: "You don't have any passkeys yet. Add one to sign in with one touch.",
  created: 'Created',
  lastUsed: 'Last used',
  neverUsed: 'Never',
  synced: 'Synced across your devices',
  deviceOnly: 'This device only',
  rename: 'Rename',
  nameLabel: 'Passkey name',
  nameHint: 'Press Enter to save or Escape to cancel.',
  nameInvalid: 'Enter a name of 1 to 64 characters.',
  save: 'Save',
  cancel: 'Cancel',
  remove: 'Remove',
  removeConfirm: (name) => `Remove “${name}”? You won't be able to sign in with it any more.`,
  removeLast: 'This is your last passkey: you will sign in with your other methods.',
  removeConfirmButton: 'Remove passkey',
  add: 'Add a passkey',
  added: 'Passkey added.',
  addCancelled: 'No passkey was added.',
  renamed: 'Passkey renamed.',
  removed: (name) => `Passkey “${name}” removed.`,
  retry: 'Try again',
};

/** Locales of `<latch-passkeys>`: add one with `passkeysStrings.register({...})`. */
export const passkeysStrings = stringTable(en);
