import type { LatchClient, StepOutcome } from '../client/client.js';
import type { StepState } from '../protocol/index.js';

type SelectMethod = Extract<StepState, { step: 'select_method' }>;

/** What the combined layout needs of the sign-in flow. */
export interface CombinedFlow {
  readonly mode: 'sign-in' | 'sign-up';
  /** Offers the methods the backend lists for the address, in the configured order. */
  listMethods(state: SelectMethod): void;
  showMethods(): void;
  follow(outcome: StepOutcome, signal: AbortSignal): Promise<void>;
}

/**
 * `layout="combined"` (README "Options a variant sets"): the email and the password in one submit. The backend
 * answers the identifier alike for an address without an account (ASVS 5 6.3.8), so a wrong pair and an
 * unknown address both end in the same "invalid credentials" at the password field. Loaded with the client
 * (`LateParts`), so none of it comes before the form.
 */
export class CombinedSignIn {
  constructor(private readonly flow: CombinedFlow) {}

  /** After the address: the password at once where the backend offers one, else on as identifier-first would go. */
  async signIn(outcome: StepOutcome, password: string, client: LatchClient, signal: AbortSignal): Promise<void> {
    const methods = methodChoice(outcome);
    if (!methods?.methods.includes('password')) return this.flow.follow(outcome, signal);
    this.flow.listMethods(methods);
    await this.flow.follow(await client.signInWithPassword({ password, signal }), signal);
  }

  /** "Use another method": after the address, the list of what the backend offers for it. */
  async choose(outcome: StepOutcome, signal: AbortSignal): Promise<void> {
    const methods = methodChoice(outcome);
    if (!methods || this.flow.mode === 'sign-up') return this.flow.follow(outcome, signal);
    this.flow.listMethods(methods);
    this.flow.showMethods();
  }
}

/** The backend's list of methods for the address, when that is where the identifier led. */
function methodChoice(outcome: StepOutcome): SelectMethod | undefined {
  return outcome.type === 'step' && outcome.state.step === 'select_method' ? outcome.state : undefined;
}
