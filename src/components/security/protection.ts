import { html, nothing, type TemplateResult } from 'lit';
import type { FactorSummary } from '../../protocol/index.js';
import type { SectionTexts } from '../../translations/translation.js';

// "How your account is protected" (issue 14): the account's ways to sign in or confirm it's you, strongest
// first, and at most one recommendation, whose button starts the existing add-passkey or authenticator app setup.

type SecurityTexts = SectionTexts<'security'>;

/** What the summary is drawn from: the factors resource, the passkey list and the email resource. */
export interface ProtectionFacts {
  factors: FactorSummary;
  passkeys: number;
  /** A passkey can be created here (an authenticator, or a phone to pair with). */
  canAddPasskey: boolean;
  /** The account has an email address (sign-in and recovery codes by email). */
  email: boolean;
}

/** The one next step worth taking, if any. */
export type Recommendation = 'passkey' | 'two-step';

/** "Add a passkey" when there is none; else two-step verification for a password without a second factor; else none. */
export function recommendation({ factors, passkeys, canAddPasskey }: ProtectionFacts): Recommendation | undefined {
  if (passkeys === 0 && canAddPasskey) return 'passkey';
  if (factors.password && !factors.totp && !factors.phone) return 'two-step';
  return undefined;
}

/** The account's methods, strongest first: phishing-resistant, then possession, then knowledge, then the fallbacks. */
export function protectionMethods(t: SecurityTexts, { factors, passkeys, email }: ProtectionFacts): string[] {
  return [
    passkeys > 0 && t.protectionPasskeys({ count: passkeys }),
    factors.totp && t.totpTitle,
    factors.phone && t.phoneTitle,
    factors.password && t.accountPasswordTitle,
    email && t.protectionEmail,
    factors.recovery_codes_remaining > 0 && t.codesTitle,
  ].filter((method): method is string => typeof method === 'string');
}

/** The summary section; `act` starts the recommendation's flow. */
export function protectionSection(uid: string, t: SecurityTexts, facts: ProtectionFacts, act: (next: Recommendation) => void): TemplateResult {
  const id = `${uid}-protection`;
  const next = recommendation(facts);
  return html`
    <section class="latch-section" part="section protection" aria-labelledby=${id}>
      <h3 id=${id} part="section-heading" tabindex="-1">${t.protectionTitle}</h3>
      <p class="latch-text">${t.protectionIntro}</p>
      <ol class="latch-protection" part="list">
        ${protectionMethods(t, facts).map((method) => html`<li part="list-item">${method}</li>`)}
      </ol>
      ${next
        ? html`<p class="latch-text" id=${`${id}-why`}>${next === 'passkey' ? t.protectionAddPasskeyWhy : t.protectionTwoStepWhy}</p>
            <div class="latch-row">
              <button type="button" class="latch-button latch-primary" part="button button-primary" data-recommendation aria-describedby=${`${id}-why`} @click=${() => act(next)}>
                ${next === 'passkey' ? t.protectionAddPasskey : t.protectionTwoStep}
              </button>
            </div>`
        : nothing}
    </section>
  `;
}
