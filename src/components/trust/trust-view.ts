import { html, nothing, type TemplateResult } from 'lit';
import type { Branding, LastSignIn } from '../../protocol/index.js';
import type { SectionTexts } from '../../translations/translation.js';
import { safeLink, safeLogo } from '../../trust/branding-rules.js';
import type { SiteIdentity } from '../../trust/registrable-domain.js';
import { relativeTime } from '../form/relative-time.js';

// The trust signals' views, shared by <latch-login> (in its light DOM) and <latch-trust-panel> (in its shadow
// root): the same markup and part names in both. Server strings are only ever text or a checked URL.

type TrustTexts = SectionTexts<'trust'>;
type Fragment = TemplateResult | typeof nothing;

/** Stands for `{site}` while its sentence is formatted, so the host can go in as markup at its place. */
const SLOT = '\u0000';

/** "Signing in to shop.**acme.co.uk**": the registrable domain bold, the rest of the host de-emphasised. */
export function siteLine(site: SiteIdentity | undefined, t: TrustTexts): Fragment {
  if (!site) return nothing;
  const [before = '', after = ''] = t.trustSigningInTo({ site: SLOT }).split(SLOT);
  // The host is a left-to-right string inside any sentence (an RTL locale's too).
  const host = html`<bdi class="latch-site-host" part="site-host" dir="ltr" title=${site.ascii ?? nothing}
    >${site.rest ? html`<span class="latch-site-rest" part="site-rest">${site.rest}</span>` : nothing}<strong part="site-domain"
      >${site.registrable}</strong
    ></bdi
  >`;
  const ascii = site.ascii ? html`<span class="latch-sr"> (${site.ascii})</span>` : nothing;
  return html`<p class="latch-site" part="site">${before}${host}${ascii}${after}</p>`;
}

/** The site's logo (only a raster `data:` image or one on this page's origin) and name. */
export function brandLine(branding: Branding | undefined): Fragment {
  const logo = safeLogo(branding?.logo_uri, location.origin);
  const name = branding?.client_name;
  if (!logo && !name) return nothing;
  // The name says it in words, so the logo is decorative (WCAG 2.2 SC 1.1.1).
  return html`<p class="latch-brand" part="brand">
    ${logo ? html`<img class="latch-logo" part="logo" src=${logo} alt="" width="28" height="28" />` : nothing}
    ${name ? html`<span part="brand-name">${name}</span>` : nothing}
  </p>`;
}

/** The privacy policy and terms (https or this page's origin only), each in a new tab, which it says. */
export function policyLinks(branding: Branding | undefined, t: TrustTexts): Fragment {
  const links = [
    [safeLink(branding?.policy_uri, location.origin), t.trustPrivacy],
    [safeLink(branding?.tos_uri, location.origin), t.trustTerms],
  ].filter((link): link is [string, string] => link[0] !== undefined);
  if (links.length === 0) return nothing;
  return html`<p class="latch-links" part="links">
    ${links.map(
      ([href, label]) =>
        html`<a class="latch-link" part="link" href=${href} target="_blank" rel="noopener">${label}<span class="latch-sr"> ${t.trustNewTab}</span></a>`,
    )}
  </p>`;
}

/** After a passkey sign-in: passkeys cannot be phished. */
export function passkeyCueLine(t: TrustTexts): TemplateResult {
  return html`<p class="latch-cue" part="passkey-cue">${t.trustPasskeyCue}</p>`;
}

/** "Last signed in 3 days ago on Chrome, macOS, Lisbon": the sign-in before this one, as the backend told it. */
export function lastSignInLine(last: LastSignIn | undefined, t: TrustTexts, lang: string, now = Date.now() / 1000): Fragment {
  if (!last) return nothing;
  const time = relativeTime(last.at, lang, now * 1000);
  const device = [last.device?.browser, last.device?.os, last.device?.location?.city].filter(Boolean).join(', ');
  return html`<p class="latch-last" part="last-sign-in">${device ? t.trustLastSignIn({ time, device }) : t.trustLastSignInWhen({ time })}</p>`;
}
