import { html, nothing, type TemplateResult } from 'lit';
import { localised, type AccountStepsController } from '../../controllers/account-steps.controller.js';
import type { AccountPolicy } from '../../protocol/index.js';
import type { StepTexts, StepView } from './login-steps.js';

// The views of the account's own steps (profile §24): the terms and marketing boxes of the sign-up form, the
// decision on changed terms, and the profile question. They come with the later steps, after the form.

type Fragment = TemplateResult | typeof nothing;

/**
 * A policy document's link: a new tab, without a handle on this page, saying so to everyone through its
 * description (so a box's label, which holds the link, stays the words it shows).
 */
function documentLink(v: StepView, name: string, policy: AccountPolicy | undefined): Fragment | string {
  if (!policy?.url) return name;
  return html`<a class="latch-link" part="link" href=${policy.url} target="_blank" rel="noopener noreferrer" aria-describedby=${`${v.uid}-new-tab`}>${name}</a>`;
}

/** The words the links' description points at: read with the link, never shown. */
const newTabHint = (v: StepView, t: StepTexts) => html`<span class="latch-sr" id=${`${v.uid}-new-tab`}>${t.termsNewTab}</span>`;

/**
 * The sign-up form's boxes: "I agree to the Terms and the Privacy Policy" when the backend lists `accept`
 * policies, and, apart, the marketing opt-in when it lists one. Neither is ever ticked for the customer.
 */
export function policyBoxes(v: StepView, t: StepTexts): Fragment {
  const account = v.flow.late?.account;
  if (!account?.policies.length) return nothing;
  // The receipt hashes the very words drawn here.
  account.shown.terms = t.termsAgree({ terms: t.termsTerms, privacy: t.termsPrivacy });
  account.shown.marketing = t.termsMarketing;
  const parts = t.termsAgree({ terms: '\u0001', privacy: '\u0002' }).split(/([\u0001\u0002])/);
  const label = parts.map((part) =>
    part === '\u0001' ? documentLink(v, t.termsTerms, account.policy('terms')) : part === '\u0002' ? documentLink(v, t.termsPrivacy, account.policy('privacy')) : part,
  );
  return html`${account.asksTerms ? box(v, account, 'terms', label, true) : nothing} ${v.fieldError(t, 'terms')} ${newTabHint(v, t)}
  ${account.policies.some((policy) => policy.kind === 'opt_in') ? box(v, account, 'marketing', t.termsMarketing, false) : nothing}`;
}

function box(v: StepView, account: AccountStepsController, name: 'terms' | 'marketing', label: unknown, required: boolean): TemplateResult {
  const id = `${v.uid}-${name}`;
  return html`<div class="latch-check" part="field">
    <input
      id=${id}
      type="checkbox"
      name=${name}
      ?required=${required}
      .checked=${account.ticked[name]}
      aria-invalid=${required ? v.invalid('terms') : 'false'}
      aria-describedby=${(required && v.describedBy('terms')) || nothing}
      @change=${(event: Event) => account.tick(name, (event.target as HTMLInputElement).checked)}
    />
    <label for=${id} class="latch-text" part="label">${label}</label>
  </div>`;
}

/** `consent_required`: what changed, the documents, Accept or Decline; after a decline, what the customer can do. */
function consentStep(v: StepView, t: StepTexts): TemplateResult {
  const account = v.flow.late!.account;
  if (v.flow.failure?.error?.code === 'LATCH_TERMS_DECLINED') {
    return html`<div class="latch-form" part="form">
      <h2 class="latch-title" part="heading" tabindex="-1">${t.reconsentDeclinedTitle}</h2>
      ${v.formAlert(t)}
      <button type="button" class="latch-button latch-primary" part="button button-primary" @click=${() => v.flow.changeEmail()}>${t.recoveryBack}</button>
    </div>`;
  }
  const policies = account.consent?.policies ?? [];
  const names: Record<string, string> = { terms: t.termsTerms, privacy: t.termsPrivacy };
  const changes = policies.map((policy) => localised(policy.changes, v.locale.lang)).filter(Boolean);
  account.shown.consent = [t.reconsentTitle, t.reconsentIntro, ...changes.map((text) => t.reconsentChanges({ changes: text })), t.reconsentAccept].join('\n');
  return html`
    <form class="latch-form" part="form" novalidate aria-busy=${v.busy()} @submit=${(event: Event) => {
      event.preventDefault();
      v.guard(() => account.decide(true));
    }}>
      <h2 class="latch-title" part="heading" tabindex="-1">${t.reconsentTitle}</h2>
      ${v.identity(t)} ${v.formAlert(t)}
      <p class="latch-text" part="text">${t.reconsentIntro}</p>
      ${changes.map((text) => html`<p class="latch-text" part="text">${t.reconsentChanges({ changes: text })}</p>`)}
      ${policies.map((policy) =>
        policy.url ? html`<p class="latch-text" part="text">${documentLink(v, t.reconsentRead({ policy: names[policy.id] ?? policy.id }), policy)}</p>` : nothing,
      )}
      ${newTabHint(v, t)}
      ${v.submit(t.reconsentAccept)}
      <button type="button" class="latch-button latch-secondary" part="button button-secondary" aria-disabled=${v.busy()} @click=${() => v.guard(() => account.decide(false))}>
        ${t.reconsentDecline}
      </button>
    </form>
  `;
}

/** `profile`: each field with the reason it is asked, tied to it; Skip when every field is optional. */
function profileStep(v: StepView, t: StepTexts): TemplateResult {
  const account = v.flow.late!.account;
  const fields = account.profile?.fields ?? [];
  const lang = v.locale.lang;
  return html`
    <form class="latch-form" part="form" novalidate aria-busy=${v.busy()} @submit=${(event: Event) => {
      event.preventDefault();
      v.guard(() => account.answer());
    }}>
      <h2 class="latch-title" part="heading" tabindex="-1">${t.profileTitle}</h2>
      ${v.formAlert(t)}
      ${fields.map((field, index) => {
        const id = `${v.uid}-profile-${field.name}`;
        const label = localised(field.label, lang);
        return html`<div class="latch-field">
          <label class="latch-label" part="label" for=${id}>${field.required ? label : t.profileOptional({ label })}</label>
          <input
            id=${id}
            class="latch-input"
            part="input"
            type=${field.type}
            name=${field.name}
            autocomplete=${field.autocomplete ?? nothing}
            maxlength=${field.max_length ?? nothing}
            ?required=${field.required}
            ?data-autofocus=${index === 0}
            .value=${account.values[field.name] ?? ''}
            @input=${(event: Event) => account.type(field.name, (event.target as HTMLInputElement).value)}
            aria-invalid=${v.invalid('profile')}
            aria-describedby=${[`${id}-why`, v.describedBy('profile')].filter(Boolean).join(' ')}
          />
          <p class="latch-hint" part="hint" id=${`${id}-why`}>${t.profileWhy({ reason: localised(field.reason, lang) })}</p>
          ${index === 0 ? v.fieldError(t, 'profile') : nothing}
        </div>`;
      })}
      ${v.submit(t.profileSave)}
      ${fields.every((field) => !field.required)
        ? html`<button type="button" class="latch-link" part="button button-link" @click=${() => v.guard(() => account.skip())}>${t.profileSkip}</button>`
        : nothing}
    </form>
  `;
}

export const accountSteps = { consent: consentStep, profile: profileStep };
