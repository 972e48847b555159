import type { LatchClient, StepOutcome } from '../client/client.js';
import type { AccountPolicy, LocalisedText, PolicyDecision, StepState } from '../protocol/index.js';
import type { Field } from './sign-in.controller.js';

// The account's own steps of a sign-in (profile §24): the policies a new account accepts and may opt in to on the
// sign-up form, the decision on changed terms (`consent_required`), and one more profile question (`profile`).
// It keeps what the customer ticked and typed across errors; the views (account-steps.ts) draw it.

type ConsentStep = Extract<StepState, { step: 'consent_required' }>;
type ProfileStep = Extract<StepState, { step: 'profile' }>;

/** What this controller needs from the sign-in flow. */
export interface AccountStepsFlow {
  act(action: 'submit', work: (client: LatchClient, signal: AbortSignal) => Promise<StepOutcome>, field?: Field): Promise<void>;
  edited(field: Field): void;
  requestUpdate(): void;
}

export class AccountStepsController {
  /** What a new account accepts and may opt in to (`select_method.policies`). */
  policies: AccountPolicy[] = [];
  consent: ConsentStep | undefined;
  profile: ProfileStep | undefined;
  /** The sign-up boxes, never ticked until the customer ticks them. */
  readonly ticked = { terms: false, marketing: false };
  /** The words each box showed when last drawn: what the receipt's hash proves (set by the view). */
  shown = { terms: '', marketing: '', consent: '' };
  /** The profile answers as typed, by field name (kept across errors). */
  readonly values: Record<string, string> = {};

  constructor(private readonly flow: AccountStepsFlow) {}

  /** Takes what a backend step says about the account's policies or profile. */
  see(state: StepState): void {
    if (state.step === 'select_method') {
      // A new identifier: nothing carries over, nothing is ticked.
      this.policies = state.policies ?? [];
      this.ticked.terms = this.ticked.marketing = false;
    }
    if (state.step === 'consent_required') this.consent = state;
    if (state.step === 'profile') this.profile = state;
  }

  /** Whether the sign-up form shows the terms box: only when the backend lists `accept` policies. */
  get asksTerms(): boolean {
    return this.policies.some((policy) => policy.kind === 'accept');
  }

  /** The first listed policy of that id (its document link). */
  policy(id: string): AccountPolicy | undefined {
    return this.policies.find((policy) => policy.id === id);
  }

  tick(box: 'terms' | 'marketing', on: boolean): void {
    this.ticked[box] = on;
    if (box === 'terms') this.flow.edited('terms');
    this.flow.requestUpdate();
  }

  /** The sign-up's decision on each listed policy, with the words shown: the terms box covers every `accept` one. */
  signUpConsents(): PolicyDecision[] | undefined {
    if (!this.policies.length) return undefined;
    return this.policies.map((policy) => {
      const box = policy.kind === 'accept' ? 'terms' : 'marketing';
      return { policy: policy.id, version: policy.version, granted: this.ticked[box], text: this.shown[box] };
    });
  }

  /** Accepts or declines every policy of the `consent_required` step. */
  decide(granted: boolean): Promise<void> {
    const consents = (this.consent?.policies ?? []).map((policy) => ({ policy: policy.id, version: policy.version, granted, text: this.shown.consent }));
    return this.flow.act('submit', (client, signal) => client.decideConsent({ consents, signal }), 'form');
  }

  type(name: string, value: string): void {
    this.values[name] = value;
    this.flow.edited('profile');
  }

  /** Sends the profile answers (the fields the step asked for, as typed). */
  answer(): Promise<void> {
    const values = Object.fromEntries((this.profile?.fields ?? []).map((field) => [field.name, (this.values[field.name] ?? '').trim()]));
    return this.flow.act('submit', (client, signal) => client.answerProfile({ values, signal }), 'profile');
  }

  skip(): Promise<void> {
    return this.flow.act('submit', (client, signal) => client.skipProfile({ signal }), 'form');
  }
}

/** Site-given words in the element's language: the exact tag, then its language, then English, then any. */
export function localised(text: LocalisedText | undefined, lang: string): string {
  if (!text) return '';
  const base = lang.split('-')[0]!;
  const exact = Object.keys(text).find((tag) => tag.toLowerCase() === lang.toLowerCase());
  return (exact && text[exact]) ?? text[base] ?? text['en'] ?? Object.values(text)[0] ?? '';
}
