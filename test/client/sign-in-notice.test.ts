import { expect } from '@open-wc/testing';
import { readChallengeAnswer, signInNotice } from '../../src/client/challenge.js';
import { LatchErrorCode } from '../../src/client/errors.js';
import { rejection } from '../helpers/rejection.js';

// The success response's last sign-in and new-device flag (profile §26.3–§26.4), read into the answer the
// client turns into `SignedIn`. Built with Response: malformed notices are faults the reference backend never sends.

const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
const lastSignIn = { at: 1_700_000_000, method: 'passkey', device: { browser: 'Chrome', os: 'macOS', location: { city: 'Lisbon', country: 'PT' } } };

describe('the sign-in notice', () => {
  it('carries last_sign_in and new_device from a 200 into the answer', async () => {
    expect(await readChallengeAnswer(ok({ authorization_code: 'c1', last_sign_in: lastSignIn, new_device: true }))).to.deep.equal({
      type: 'code',
      authorizationCode: 'c1',
      lastSignIn,
      newDevice: true,
    });
  });

  it('leaves out what the backend did not say, and new_device: false', () => {
    expect(signInNotice({ new_device: false })).to.deep.equal({});
    expect(signInNotice({ last_sign_in: lastSignIn })).to.deep.equal({ lastSignIn });
  });

  it('fails closed on a malformed notice: a country that is not ISO 3166-1 alpha-2', async () => {
    const bad = { ...lastSignIn, device: { location: { country: 'Portugal' } } };
    const error = await rejection(readChallengeAnswer(ok({ authorization_code: 'c1', last_sign_in: bad })));
    expect(error.code).to.equal(LatchErrorCode.INVALID_RESPONSE);
  });
});
