import { expect } from '@open-wc/testing';
import { readChallengeAnswer } from '../../src/client/challenge.js';
import { LatchErrorCode } from '../../src/client/errors.js';
import { rejection } from '../helpers/rejection.js';

// Hostile and broken answers of the authorization challenge endpoint, built with Response: the reference
// backend never sends them, so this is the only way to produce these faults.

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const failure = (response: Response) => rejection(readChallengeAnswer(response));

describe('readChallengeAnswer()', () => {
  it('returns the next step of insufficient_authorization (FiPA §5.2.2)', async () => {
    const result = await readChallengeAnswer(
      answer(400, { error: 'insufficient_authorization', auth_session: 's1', ciam: { step: 'identifier' } }),
    );
    expect(result).to.deep.equal({ type: 'step', authSession: 's1', state: { step: 'identifier' } });
  });

  it('returns the authorization code of a 200 (FiPA §5.2.1)', async () => {
    expect(await readChallengeAnswer(answer(200, { authorization_code: 'c1' }))).to.deep.equal({
      type: 'code',
      authorizationCode: 'c1',
    });
  });

  it('fails closed on a 200 that carries an error (fault R10)', async () => {
    expect((await failure(answer(200, { error: 'access_denied' }))).code).to.equal(LatchErrorCode.INVALID_RESPONSE);
  });

  it('fails closed on a success-shaped 400 (fault R10)', async () => {
    expect((await failure(answer(400, { authorization_code: 'c1' }))).code).to.equal(LatchErrorCode.INVALID_RESPONSE);
  });

  it('refuses insufficient_authorization without an auth_session', async () => {
    const error = await failure(answer(400, { error: 'insufficient_authorization', ciam: { step: 'identifier' } }));
    expect(error.code).to.equal(LatchErrorCode.INVALID_RESPONSE);
  });

  it('sends an unknown step to the backend\'s web page instead of rendering a blank form (fault R2, profile §2.7a)', async () => {
    const body = { error: 'insufficient_authorization', auth_session: 's', ciam: { step: 'foo' }, request_uri: 'urn:ietf:params:oauth:request_uri:r1' };
    expect(await readChallengeAnswer(answer(400, body))).to.deep.equal({ type: 'web', requestUri: 'urn:ietf:params:oauth:request_uri:r1' });
  });

  it('sends redirect_to_web with its request_uri to the web page (FiPA §5.2.2.1.1)', async () => {
    const body = { error: 'redirect_to_web', request_uri: 'urn:ietf:params:oauth:request_uri:r2', expires_in: 60 };
    expect(await readChallengeAnswer(answer(400, body))).to.deep.equal({ type: 'web', requestUri: 'urn:ietf:params:oauth:request_uri:r2' });
  });

  it('sends a method list with nothing this version knows to the web page', async () => {
    const ciam = { step: 'select_method', login_hint: 'amy@example.com', methods: ['face_scan'], sign_up: false };
    expect(await readChallengeAnswer(answer(400, { error: 'insufficient_authorization', auth_session: 's', ciam }))).to.deep.equal({ type: 'web', requestUri: undefined });
  });

  it('refuses a 1 MB error description (fault R6)', async () => {
    const error = await failure(answer(400, { error: 'invalid_code', error_description: 'x'.repeat(200_000) }));
    expect(error.code).to.equal(LatchErrorCode.INVALID_RESPONSE);
  });

  it('maps profile errors to stable codes with their details', async () => {
    const error = await failure(answer(400, { error: 'invalid_code', attempts_remaining: 3 }));
    expect(error.code).to.equal(LatchErrorCode.INVALID_CODE);
    expect(error.attemptsRemaining).to.equal(3);
    expect(error.backendError).to.equal('invalid_code');
  });

  it('gives unknown and wrong-password failures one code (no account enumeration)', async () => {
    expect((await failure(answer(400, { error: 'invalid_credentials' }))).code).to.equal(
      LatchErrorCode.INVALID_CREDENTIALS,
    );
  });

  it('maps the account failure cap to LATCH_ACCOUNT_LOCKED with its Retry-After', async () => {
    const locked = await failure(answer(400, { error: 'account_locked' }, { 'retry-after': '3600' }));
    expect(locked.code).to.equal(LatchErrorCode.ACCOUNT_LOCKED);
    expect(locked.retryAfter).to.equal(3600);
  });

  it('treats an error code it does not know as a server failure', async () => {
    expect((await failure(answer(400, { error: 'something_new' }))).code).to.equal(LatchErrorCode.SERVER_ERROR);
  });

  it('surfaces 429 Retry-After (fault N4) and a default when it is missing (N5)', async () => {
    const limited = await failure(new Response('', { status: 429, headers: { 'retry-after': '42' } }));
    expect(limited.code).to.equal(LatchErrorCode.RATE_LIMITED);
    expect(limited.retryAfter).to.equal(42);
    expect((await failure(new Response('', { status: 429 }))).retryAfter).to.equal(30);
  });

  it('reports 5xx as a server failure (fault N6)', async () => {
    expect((await failure(new Response('oops', { status: 503 }))).code).to.equal(LatchErrorCode.SERVER_ERROR);
  });

  it('never renders server text: a hostile description stays data (fault R3)', async () => {
    const error = await failure(answer(400, { error: 'invalid_code', error_description: '<img src=x onerror=alert(1)>' }));
    expect(error.message).to.equal('<img src=x onerror=alert(1)>');
    expect(error.code).to.equal(LatchErrorCode.INVALID_CODE);
  });
});
