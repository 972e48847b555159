import { expect } from '@open-wc/testing';
import { readChallengeAnswer, readPollAnswer } from '../../src/client/challenge.js';
import { LatchErrorCode } from '../../src/client/errors.js';
import { rejection } from '../helpers/rejection.js';

// The answers of an `email_link` poll (docs/protocol.md §20.2), built with Response: a pending poll answers 200
// with the step, which no other step may do, and these are the faults a hostile backend could send instead.

const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const pending = {
  step: 'email_link',
  purpose: 'sign_in',
  destination_hint: 'a•••@links.test',
  expires_in: 600,
  resend_after: 30,
  interval: 3,
};

describe('readPollAnswer()', () => {
  it('returns the step of a pending poll (200 with ciam)', async () => {
    expect(await readPollAnswer(answer(200, { auth_session: 's1', ciam: pending }))).to.deep.equal({ type: 'step', authSession: 's1', state: pending });
  });

  it('returns the authorization code once the link was opened', async () => {
    expect(await readPollAnswer(answer(200, { authorization_code: 'c1' }))).to.deep.equal({ type: 'code', authorizationCode: 'c1' });
  });

  it('maps expired_link to LATCH_LINK_EXPIRED', async () => {
    const error = await rejection(readPollAnswer(answer(400, { error: 'expired_link', auth_session: 's1' })));
    expect(error.code).to.equal(LatchErrorCode.LINK_EXPIRED);
  });

  it('fails closed on a 200 that is neither a code nor a step (fault R10)', async () => {
    expect((await rejection(readPollAnswer(answer(200, { auth_session: 's1' })))).code).to.equal(LatchErrorCode.INVALID_RESPONSE);
  });

  it('is the only reader that takes a 200 step: every other step still fails closed on one', async () => {
    expect((await rejection(readChallengeAnswer(answer(200, { auth_session: 's1', ciam: pending })))).code).to.equal(LatchErrorCode.INVALID_RESPONSE);
  });
});
