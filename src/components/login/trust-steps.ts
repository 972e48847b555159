import { html, nothing, type TemplateResult } from 'lit';
import { trust } from '../../translations/locales/en/trust.js';
import { brandLine, policyLinks, siteLine } from '../trust/trust-view.js';
import type { StepView } from './login-steps.js';

// <latch-login>'s trust signals (profile §26): the brand and the site above the first step, the policy links
// under it, and, on an origin the backend does not allow, a refusal in place of every credential field. They
// come with the later steps' views, after the form is interactive; the element draws them once they have.

type Fragment = TemplateResult | typeof nothing;

/** A line held for a signal still on its way: its height only (login.styles.ts), no part, nothing to read. */
const HELD = { brand: html`<p class="latch-brand"></p>`, site: html`<p class="latch-site"></p>` };

/** The trust signals' parts of the form, each checked against the `trust-signals` attribute. */
export const trustViews = {
  /**
   * Above the first step's heading: the site's logo and name (`brand`) and the page's own domain (`site`), each
   * in the line the element held for it from the first paint (`heldTrustLines`) until it is known. A backend
   * without a brand gives its line back once its branding says so.
   */
  header(v: StepView): Fragment {
    const state = v.flow.late?.trust;
    const t = v.locale.texts('trust', trust);
    const brand = v.showsTrust('brand') ? (state?.brandingKnown ? brandLine(state.branding) : HELD.brand) : nothing;
    const site = v.showsTrust('site') ? (state?.siteKnown ? siteLine(state.site, t) : HELD.site) : nothing;
    return brand === nothing && site === nothing ? nothing : html`<div class="latch-trust" part="trust">${brand}${site}</div>`;
  },

  /** Under the first step: the privacy policy and terms (`links`). */
  footer(v: StepView): Fragment {
    const branding = v.flow.late?.trust.branding;
    return branding && v.showsTrust('links') ? policyLinks(branding, v.locale.texts('trust', trust)) : nothing;
  },

  /**
   * On an origin the backend refuses (profile §26.2): no email, password, passkey or social button, but what
   * happened and what the site's owner must do, with the page's origin; the alert announces it.
   */
  refusal(v: StepView, formAlert: Fragment): TemplateResult | undefined {
    if (!v.flow.late?.trust.refused) return undefined;
    const t = v.locale.texts('trust', trust);
    return html`<div class="latch-form" part="form">
      <h2 class="latch-title" part="heading" tabindex="-1">${t.trustRefusedTitle}</h2>
      ${formAlert}
      <p class="latch-text" part="text" role="alert">${t.trustRefused({ origin: location.origin })}</p>
    </div>`;
  },
};
