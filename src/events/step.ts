/** The steps `<latch-login>` shows. */
export type LoginStep = 'identifier' | 'methods' | 'password' | 'sign-up' | 'code' | 'email-link' | 'new-password' | 'passkey' | 'factor' | 'recovery' | 'consent' | 'profile' | 'signed-in';

/** Fired after the widget moved to a new step, for funnels and analytics. */
export class LatchStepEvent extends Event {
  readonly detail: { step: LoginStep };
  constructor(step: LoginStep) {
    super('latch-step', { bubbles: true, composed: true });
    this.detail = { step };
  }
}
