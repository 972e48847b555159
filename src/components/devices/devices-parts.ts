import type { ApproximateLocation, DeviceInfo } from '../../protocol/trust.js';
import type { SectionTexts } from '../../translations/translation.js';
import type { devices } from '../../translations/locales/en/devices.js';

// How <latch-devices> words the backend's device summaries, places and sign-in methods: plain functions, so the
// element keeps to drawing.

type DevicesTexts = SectionTexts<'devices'>;

/** Sign-in methods and step types by their profile names (a session's or an attempt's `method`). */
const METHODS = {
  passkey: 'devicesMethodPasskey',
  webauthn: 'devicesMethodPasskey',
  password: 'devicesMethodPassword',
  email_otp: 'devicesMethodEmailCode',
  email_link: 'devicesMethodEmailLink',
  totp: 'devicesMethodTotp',
  sms_otp: 'devicesMethodSms',
  recovery_code: 'devicesMethodRecovery',
  sso: 'devicesMethodSso',
} as const satisfies Record<string, keyof typeof devices>;

/** "Password", "Passkey", …; a method this element does not know shows as the backend names it. */
export function methodLabel(t: DevicesTexts, method: string): string {
  return Object.hasOwn(METHODS, method) ? t[METHODS[method as keyof typeof METHODS]] : method;
}

/** "Chrome on macOS", or the one of the two the backend knows, or "Unknown device". */
export function deviceLabel(t: DevicesTexts, device: DeviceInfo | undefined): string {
  const { browser, os } = device ?? {};
  if (browser && os) return t.devicesBrowserOnOs({ browser, os });
  return browser ?? os ?? t.devicesUnknownDevice;
}

/** "Lisbon, Portugal" (the country in the page's language, `Intl.DisplayNames`), or undefined when the backend knows no place. */
export function placeLabel(t: DevicesTexts, location: ApproximateLocation | undefined, lang: string): string | undefined {
  const city = location?.city;
  const country = location?.country ? countryName(location.country, lang) : undefined;
  if (city && country) return t.devicesCityCountry({ city, country });
  return city ?? country;
}

function countryName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames(lang || undefined, { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
