import { html, nothing, type TemplateResult } from 'lit';
import type { DeviceInfo, LastSignIn } from '../../protocol/index.js';
import { relativeTime } from '../form/relative-time.js';
import type { StepTexts, StepView } from './login-steps.js';

// After sign-in (issue 14; profile §26.3–§26.4): "Last signed in 3 days ago on Chrome, macOS" with a link to
// the activity page, and a brief notice after a sign-in from a new device. Both come only with the sign-in
// that brought them (`SignedIn.lastSignIn`, `.newDevice`): a reload's session names no notice.

/** The customer's previous sign-in, when the backend told it and the `last-sign-in` signal is on. */
export function lastSignInLine(v: StepView, t: StepTexts): TemplateResult | typeof nothing {
  const last = v.flow.signedIn?.lastSignIn;
  if (!last || !v.showsTrust('last-sign-in')) return nothing;
  const link = activityLink(v.activityUrl);
  const review = link ? html` <a class="latch-link" part="link last-sign-in-link" href=${link}>${t.lastSignInReview}</a>` : nothing;
  return html`<p class="latch-text" part="last-sign-in">${lastSignInWords(last, t, v.locale.lang || undefined)}${review}</p>`;
}

/** After a sign-in from a new device, when the `new-device` signal is on: the backend emailed its owner. */
export function newDeviceNotice(v: StepView, t: StepTexts): TemplateResult | typeof nothing {
  const signedIn = v.flow.signedIn;
  if (!signedIn?.newDevice || !v.showsTrust('new-device')) return nothing;
  const email = signedIn.user.email;
  const mailed = email ? ` ${t.newDeviceEmailed({ destination: email })}` : '';
  return html`<p class="latch-notice latch-info" part="new-device">${t.newDeviceSignedIn}${mailed}</p>`;
}

/** "Last signed in 3 days ago on Chrome, macOS, near Lisbon, Portugal." in the element's language. */
function lastSignInWords(last: LastSignIn, t: StepTexts, lang: string | undefined): string {
  // At least a minute ago: "Last signed in now" would read as this very sign-in.
  const when = relativeTime(Math.min(last.at, Date.now() / 1000 - 60), lang ?? '');
  const device = [last.device?.browser, last.device?.os].filter(Boolean).join(', ');
  const place = placeName(last.device, lang);
  if (!device) return t.lastSignInWhen({ when });
  return place ? t.lastSignInOnNear({ when, device, place }) : t.lastSignInOn({ when, device });
}

/** "Lisbon, Portugal": the backend's city as given, the country named in the element's language. */
function placeName(device: DeviceInfo | undefined, lang: string | undefined): string {
  const location = device?.location;
  const country = location?.country ? new Intl.DisplayNames(lang, { type: 'region' }).of(location.country) : undefined;
  return [location?.city, country].filter(Boolean).join(', ');
}

/** The page's activity URL (`activity-url`), only when it is a web address: never a `javascript:` link. */
function activityLink(url: string): string | undefined {
  try {
    const resolved = new URL(url, document.baseURI);
    return url && (resolved.protocol === 'https:' || resolved.protocol === 'http:') ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}
