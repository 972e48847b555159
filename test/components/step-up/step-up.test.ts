import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/step-up/default-handler.js';
import '../../../src/components/step-up/step-up.js';
import type { LatchStepUp } from '../../../src/components/step-up/step-up.component.js';
import type { LatchClient, StepOutcome } from '../../../src/client/client.js';
import { LatchError, LatchErrorCode } from '../../../src/client/errors.js';
import type { StepState } from '../../../src/protocol/index.js';
import { rejection } from '../../helpers/rejection.js';

const TOTP: StepState = { step: 'totp', code_length: 6, reason: 'step_up', alternatives: ['recovery_code'] };

/** A client whose step-up answers are scripted; it records the codes it was sent. */
function fakeClient(first: StepState, verify: (code: string) => StepOutcome | Promise<StepOutcome>) {
  const codes: string[] = [];
  let handler: ((request: { acrValues?: readonly string[]; maxAge?: number }) => Promise<void>) | undefined;
  const client = {
    issuer: 'http://localhost:9',
    clientId: 'fake',
    startStepUp: async () => ({ type: 'step', state: first }) as StepOutcome,
    verifyTotp: async ({ code }: { code: string }) => {
      codes.push(code);
      return verify(code);
    },
    selectFactor: async () => ({ type: 'step', state: { step: 'recovery_code', reason: 'step_up', alternatives: ['totp'] } }) as StepOutcome,
    onStepUp: (next: typeof handler) => {
      handler = next;
      return () => (handler = undefined);
    },
    requireStepUp: async (request: { acr?: string; maxAge?: number }) => handler!({ acrValues: request.acr ? [request.acr] : undefined, maxAge: request.maxAge }),
  } as unknown as LatchClient;
  return { client, codes };
}

async function mount(client: LatchClient): Promise<{ element: LatchStepUp; trigger: HTMLButtonElement }> {
  const host = await fixture<HTMLDivElement>(html`<div><button id="trigger">Change email</button><latch-step-up .client=${client}></latch-step-up></div>`);
  const element = host.querySelector('latch-step-up')!;
  const trigger = host.querySelector<HTMLButtonElement>('#trigger')!;
  await waitUntil(() => (element as unknown as { unregister?: unknown }).unregister, 'registers with its client');
  trigger.focus();
  return { element, trigger };
}

const dialogOf = (element: LatchStepUp) => element.shadowRoot!.querySelector('dialog')!;
const codeInput = (element: LatchStepUp) => element.querySelector<HTMLInputElement>('input[name="one-time-code"]');

describe('<latch-step-up>', () => {
  it('opens a modal dialog named "Confirm it\'s you" with the reason, focusing the code field', async () => {
    const { client } = fakeClient(TOTP, () => ({ type: 'stepped-up' }));
    const { element } = await mount(client);
    const pending = client.requireStepUp({ acr: 'urn:latch:acr:mfa' }).catch(() => undefined);
    await waitUntil(() => dialogOf(element).open, 'the dialog opens');
    await waitUntil(() => document.activeElement === codeInput(element), 'focus moves to the code');
    const dialog = dialogOf(element);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(element.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).to.equal("Confirm it's you");
    expect(element.shadowRoot!.getElementById(dialog.getAttribute('aria-describedby')!)!.textContent).to.contain('second check');
    const input = codeInput(element)!;
    expect(input.autocomplete).to.equal('one-time-code');
    expect(input.inputMode).to.equal('numeric');
    expect(input.form).to.be.instanceOf(HTMLFormElement);
    await expect(element).to.be.accessible();
    dialogOf(element).close();
    await pending;
  });

  it('Escape cancels: the pending call rejects STEP_UP_CANCELLED and focus returns to the trigger', async () => {
    const { client, codes } = fakeClient(TOTP, () => ({ type: 'stepped-up' }));
    const { element, trigger } = await mount(client);
    // Handled from the start: the call rejects while the Escape key is still being sent.
    const cancelled = rejection(client.requireStepUp({ acr: 'urn:latch:acr:mfa' }));
    await waitUntil(() => document.activeElement === codeInput(element));
    await sendKeys({ press: 'Escape' });
    expect((await cancelled).code).to.equal(LatchErrorCode.STEP_UP_CANCELLED);
    expect(dialogOf(element).open).to.equal(false);
    expect(document.activeElement).to.equal(trigger);
    expect(codes).to.deep.equal([]);
  });

  it('keeps a rejected code, announces the error and selects it; the right code resolves the call', async () => {
    const { client, codes } = fakeClient(TOTP, (code) => {
      if (code === '111111') throw new LatchError(LatchErrorCode.INVALID_CODE, 'wrong', { attemptsRemaining: 4 });
      return { type: 'stepped-up' };
    });
    const { element, trigger } = await mount(client);
    const pending = client.requireStepUp({ maxAge: 300 });
    await waitUntil(() => document.activeElement === codeInput(element));
    await sendKeys({ type: '111 111' });
    await sendKeys({ press: 'Enter' });
    const alert = element.shadowRoot!.querySelector('[role="alert"]')!;
    await waitUntil(() => alert.textContent!.includes("That code didn't work"), 'the error is announced');
    expect(codeInput(element)!.value).to.equal('111 111');
    expect(codeInput(element)!.getAttribute('aria-invalid')).to.equal('true');
    await expect(element).to.be.accessible();
    codeInput(element)!.value = '';
    codeInput(element)!.focus();
    await sendKeys({ type: '222222' });
    await sendKeys({ press: 'Enter' });
    await pending;
    expect(codes).to.deep.equal(['111111', '222222']);
    expect(dialogOf(element).open).to.equal(false);
    expect(document.activeElement).to.equal(trigger);
  });

  it('"Try another way" lists the alternatives and switches factor', async () => {
    const { client } = fakeClient(TOTP, () => ({ type: 'stepped-up' }));
    const { element } = await mount(client);
    void client.requireStepUp({ acr: 'urn:latch:acr:mfa' }).catch(() => undefined);
    await waitUntil(() => codeInput(element));
    const more = [...element.querySelectorAll('button')].find((button) => button.textContent!.trim() === 'Try another way')!;
    more.click();
    await element.updateComplete;
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    [...element.querySelectorAll('button')].find((button) => button.textContent!.trim() === 'Use a recovery code')!.click();
    await waitUntil(() => element.querySelector('input[name="recovery-code"]'), 'the recovery code step');
    await waitUntil(() => document.activeElement === element.querySelector('input[name="recovery-code"]'));
    await expect(element).to.be.accessible();
    dialogOf(element).close();
  });
});
