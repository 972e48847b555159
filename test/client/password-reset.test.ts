import { expect } from '@open-wc/testing';
import { readChallengeAnswer } from '../../src/client/challenge.js';
import type { LatchClient, StepOutcome } from '../../src/client/client.js';
import { LatchError, LatchErrorCode } from '../../src/client/errors.js';
import { PasswordResetFlow } from '../../src/controllers/password-reset.js';
import type { CodeState } from '../../src/controllers/sign-in.controller.js';
import { StepState } from '../../src/protocol/index.js';
import { rejection } from '../helpers/rejection.js';

// The client's side of the password reset (docs/protocol.md §19): the new steps parse, a breached password
// is its own error, and the resend cooldown's 429 for a code already sent is not an error.

const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('password reset in the protocol and the client', () => {
  it('parses new_password, the password_reset purpose and preferred_method (open: any token)', () => {
    expect(StepState.parse({ step: 'new_password', password_min_length: 15 })).to.deep.equal({ step: 'new_password', password_min_length: 15 });
    const code = StepState.parse({ step: 'email_otp', purpose: 'password_reset', destination_hint: 'a•••@example.com', code_length: 6, expires_in: 600, resend_after: 30 });
    expect(code).to.include({ purpose: 'password_reset' });
    const chosen = StepState.parse({ step: 'select_method', login_hint: 'a@example.com', methods: ['password'], sign_up: true, preferred_method: 'palm_vein' });
    expect(chosen).to.include({ preferred_method: 'palm_vein' });
    expect(() => StepState.parse({ step: 'new_password' })).to.throw();
  });

  it('turns weak_password with a breached field error into LATCH_PASSWORD_BREACHED, and too_short into LATCH_WEAK_PASSWORD', async () => {
    const breached = await rejection(readChallengeAnswer(answer(400, { error: 'weak_password', auth_session: 's', field_errors: [{ field: 'password', code: 'breached' }] })));
    expect(breached.code).to.equal(LatchErrorCode.PASSWORD_BREACHED);
    const short = await rejection(readChallengeAnswer(answer(400, { error: 'weak_password', auth_session: 's', field_errors: [{ field: 'password', code: 'too_short' }] })));
    expect(short.code).to.equal(LatchErrorCode.WEAK_PASSWORD);
  });
});

describe('PasswordResetFlow', () => {
  const sent: CodeState = { purpose: 'sign_in', destinationHint: 'a•••@example.com', codeLength: 6, resendAt: 0 };
  const cooldown = new LatchError(LatchErrorCode.RATE_LIMITED, 'Too many requests', { retryAfter: 21 });
  const refusing = (error: unknown) =>
    ({ requestEmailCode: () => Promise.reject(error), requestPasswordReset: () => Promise.reject(error) }) as unknown as LatchClient;

  function flowWith(code: CodeState | undefined) {
    const shown: CodeState[] = [];
    const flow = new PasswordResetFlow({ code, codeAlreadySent: (again) => void shown.push(again) });
    return { flow, shown };
  }

  it('on the cooldown for the code already on record, shows that code again with the backend’s countdown', async () => {
    const { flow, shown } = flowWith(sent);
    const before = Date.now();
    expect(await flow.requestCode(refusing(cooldown), new AbortController().signal)).to.equal(undefined);
    expect(shown).to.have.length(1);
    expect(shown[0]!.resendAt).to.be.within(before + 21_000, Date.now() + 21_000);
  });

  it('passes every other failure on: no code on record, another purpose, another error', async () => {
    const signal = new AbortController().signal;
    const other = new LatchError(LatchErrorCode.NETWORK, 'offline');
    expect((await rejection(flowWith(undefined).flow.requestCode(refusing(cooldown), signal))).code).to.equal(LatchErrorCode.RATE_LIMITED);
    expect((await rejection(flowWith(sent).flow.requestReset(refusing(cooldown), signal))).code).to.equal(LatchErrorCode.RATE_LIMITED);
    expect((await rejection(flowWith(sent).flow.requestCode(refusing(other), signal))).code).to.equal(LatchErrorCode.NETWORK);
  });

  it('hands the next step through when the backend answers', async () => {
    const next: StepOutcome = { type: 'step', state: { step: 'new_password', password_min_length: 15 } };
    const client = { requestPasswordReset: () => Promise.resolve(next) } as unknown as LatchClient;
    expect(await flowWith(undefined).flow.requestReset(client, new AbortController().signal)).to.equal(next);
  });
});
