import { expect } from '@open-wc/testing';
import { createClient } from '../../src/client/client.js';
import { PROFILE_VERSION } from '../../src/protocol/version.js';
import { LatchErrorCode } from '../../src/client/errors.js';
import { memoryStore } from '../../src/client/storage.js';
import type { WebAuthnAdapter } from '../../src/client/webauthn.js';
import { rejection } from '../helpers/rejection.js';

// The account API's own rules: what it sends, what it refuses, and what it tells the password manager.
// The requests are answered here, with the browser's own Response: the e2e suite runs the same calls
// against the reference backend (passkey-lifecycle.spec.ts, security.spec.ts).

const ISSUER = 'https://id.example.com';
const METADATA = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/authorize`,
  token_endpoint: `${ISSUER}/token`,
  authorization_challenge_endpoint: `${ISSUER}/authorize-challenge`,
  ciam_profile_versions_supported: [PROFILE_VERSION],
  ciam_passkey_registration_endpoint: `${ISSUER}/passkeys/register`,
  ciam_passkeys_endpoint: `${ISSUER}/passkeys`,
  ciam_factors_endpoint: `${ISSUER}/factors`,
  ciam_email_endpoint: `${ISSUER}/email`,
};

const passkey = (id: string, name = 'Chrome on Linux') => ({ id, name, created_at: 1_700_000_000, last_used_at: null, synced: true });
const LIST = (ids: string[]) => ({
  rp_id: 'id.example.com',
  user: { id: 'dXNlci1oYW5kbGU', name: 'amy@example.com', display_name: 'Amy' },
  passkeys: ids.map((id) => passkey(id)),
});

interface Sent {
  method: string;
  url: string;
  contentType: string | null;
  body: string | undefined;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A backend of answers by "METHOD path", recording every request. */
function backend(answers: Record<string, () => Response>) {
  const sent: Sent[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    if (url.pathname === '/.well-known/openid-configuration') return json(200, METADATA);
    sent.push({ method, url: url.pathname, contentType: new Headers(init?.headers).get('content-type'), body: init?.body as string | undefined });
    const answer = answers[`${method} ${url.pathname}`];
    return answer ? answer() : json(404, { error: 'not_found' });
  };
  return { sent, fetchImpl };
}

/** An adapter that records the Signal API calls (its ceremonies are never run here). */
function recordingWebAuthn(options: { failSignals?: boolean } = {}) {
  const signals: Array<{ name: string; detail: unknown }> = [];
  const record = (name: string) => async (detail: unknown) => {
    signals.push({ name, detail });
    if (options.failSignals) throw new DOMException('not supported', 'NotSupportedError');
  };
  const adapter: WebAuthnAdapter = {
    isAvailable: () => true,
    isAutofillAvailable: async () => false,
    authenticate: () => Promise.reject(new Error('not called')),
    register: () => Promise.reject(new Error('not called')),
    cancel: () => undefined,
    signalUnknownCredential: record('unknown'),
    signalAllAcceptedCredentials: record('allAccepted'),
    signalCurrentUserDetails: record('currentUser'),
  };
  return { signals, adapter };
}

function clientWith(answers: Record<string, () => Response>, webauthn = recordingWebAuthn()) {
  const { sent, fetchImpl } = backend(answers);
  const client = createClient({ issuer: ISSUER, clientId: 'web', fetch: fetchImpl, storage: memoryStore(), webauthn: webauthn.adapter });
  return { client, sent, signals: webauthn.signals };
}

describe('client.account()', () => {
  it('lists passkeys and tells the password manager the accepted ids and the current user', async () => {
    const { client, signals } = clientWith({ 'GET /passkeys': () => json(200, LIST(['AAAA', 'BBBB'])) });
    const list = await (await client.account()).listPasskeys();
    expect(list.passkeys.map((p) => p.id)).to.deep.equal(['AAAA', 'BBBB']);
    expect(signals).to.deep.equal([
      { name: 'allAccepted', detail: { rpId: 'id.example.com', userId: 'dXNlci1oYW5kbGU', allAcceptedCredentialIds: ['AAAA', 'BBBB'] } },
      { name: 'currentUser', detail: { rpId: 'id.example.com', userId: 'dXNlci1oYW5kbGU', name: 'amy@example.com', displayName: 'Amy' } },
    ]);
  });

  it('removes a passkey with a preflighted DELETE, then signals the passkeys that are left', async () => {
    const { client, sent, signals } = clientWith({
      'DELETE /passkeys/AAAA': () => new Response(null, { status: 204 }),
      'GET /passkeys': () => json(200, LIST(['BBBB'])),
    });
    const account = await client.account();
    // A double click sends one request (fault K1).
    const [left] = await Promise.all([account.removePasskey({ id: 'AAAA' }), account.removePasskey({ id: 'AAAA' })]);
    expect(left.passkeys.map((p) => p.id)).to.deep.equal(['BBBB']);
    expect(sent.filter((r) => r.method === 'DELETE')).to.deep.equal([
      { method: 'DELETE', url: '/passkeys/AAAA', contentType: 'application/json', body: undefined },
    ]);
    expect(signals.find((s) => s.name === 'allAccepted')?.detail).to.deep.include({ allAcceptedCredentialIds: ['BBBB'] });
  });

  it('renames with PATCH {name}, trimmed, and refuses an empty name before sending', async () => {
    const { client, sent } = clientWith({
      'PATCH /passkeys/AAAA': () => json(200, passkey('AAAA', 'Work laptop')),
      'GET /passkeys': () => json(200, LIST(['AAAA'])),
    });
    const account = await client.account();
    await account.renamePasskey({ id: 'AAAA', name: '  Work laptop ' });
    expect(sent[0]).to.deep.equal({ method: 'PATCH', url: '/passkeys/AAAA', contentType: 'application/json', body: '{"name":"Work laptop"}' });
    const error = await rejection(account.renamePasskey({ id: 'AAAA', name: '   ' }));
    expect(error.code).to.equal(LatchErrorCode.INVALID_OPTIONS);
    expect(sent).to.have.length(2);
  });

  it('a malformed list is INVALID_RESPONSE, and nothing is signalled', async () => {
    const { client, signals } = clientWith({ 'GET /passkeys': () => json(200, { passkeys: 'all of them' }) });
    const error = await rejection((await client.account()).listPasskeys());
    expect(error.code).to.equal(LatchErrorCode.INVALID_RESPONSE);
    expect(signals).to.deep.equal([]);
  });

  it('signals never fail a call, even when the browser refuses them', async () => {
    const { client, signals } = clientWith({ 'GET /passkeys': () => json(200, LIST([])) }, recordingWebAuthn({ failSignals: true }));
    expect((await (await client.account()).listPasskeys()).passkeys).to.deep.equal([]);
    expect(signals.map((s) => s.name)).to.deep.equal(['allAccepted', 'currentUser']);
  });

  it('an RFC 9470 challenge without a step-up handler is STEP_UP_REQUIRED; no session is NOT_SIGNED_IN', async () => {
    const { client } = clientWith({
      'DELETE /factors/totp': () =>
        json(401, { error: 'insufficient_user_authentication', error_description: 'sign in again' }, {
          'www-authenticate': 'Bearer error="insufficient_user_authentication", max_age="300"',
        }),
      'GET /factors': () => json(401, { error: 'login_required' }, { 'www-authenticate': 'Bearer' }),
    });
    const account = await client.account();
    expect((await rejection(account.removeTotp())).code).to.equal(LatchErrorCode.STEP_UP_REQUIRED);
    expect((await rejection(account.getFactors())).code).to.equal(LatchErrorCode.NOT_SIGNED_IN);
  });

  it('sends factor changes as JSON and parses each answer with its schema', async () => {
    const summary = { totp: true, recovery_codes_remaining: 10 };
    const { client, sent } = clientWith({
      'POST /factors/totp': () => json(200, summary),
      'POST /factors/phone': () => json(200, { destination_hint: '•••• 0123', code_length: 6, resend_after: 30 }),
      'POST /factors/recovery-codes': () => json(200, { codes: ['abcd-efgh', 'jkmn-pqrs'] }),
    });
    const account = await client.account();
    expect(await account.verifyTotpEnrollment({ code: '123 456' })).to.deep.equal(summary);
    expect(JSON.parse(sent[0]!.body!)).to.deep.equal({ action: 'verify', code: '123456' });
    const phone = await account.startPhoneEnrollment({ phoneNumber: '+44 7700 900123' });
    expect(phone.code_length).to.equal(6);
    expect(JSON.parse(sent[1]!.body!)).to.deep.equal({ action: 'start', phone_number: '+447700900123' });
    expect((await account.createRecoveryCodes()).codes).to.have.length(2);
    expect(sent.every((r) => r.contentType === 'application/json')).to.equal(true);
  });

  it('sets the password with PUT {password} exactly as typed, and maps the refusals to their codes', async () => {
    const { client, sent } = clientWith({
      'PUT /factors/password': () => json(400, { error: 'weak_password', field_errors: [{ field: 'password', code: 'too_short' }] }),
      'DELETE /factors/password': () => json(409, { error: 'last_method' }),
    });
    const account = await client.account();
    const weak = await rejection(account.setPassword({ password: ' short ' }));
    expect(weak.code).to.equal(LatchErrorCode.WEAK_PASSWORD);
    expect(weak.fieldErrors).to.deep.equal([{ field: 'password', code: 'too_short' }]);
    expect(sent[0]).to.deep.include({ method: 'PUT', url: '/factors/password', contentType: 'application/json', body: '{"password":" short "}' });
    expect((await rejection(account.removePassword())).code).to.equal(LatchErrorCode.LAST_METHOD);
    expect(sent[1]).to.deep.include({ method: 'DELETE', contentType: 'application/json' });
  });

  it('changes the email in two steps at ciam_email_endpoint, and says when another account took the address', async () => {
    const { client, sent } = clientWith({
      'GET /email': () => json(200, { email: 'amy@example.com', email_verified: true }),
      'POST /email': () =>
        JSON.parse(sent.at(-1)!.body!).action === 'start'
          ? json(200, { destination_hint: 'n•••@example.com', code_length: 6, expires_in: 600, resend_after: 30 })
          : json(409, { error: 'email_taken' }),
    });
    const account = await client.account();
    expect(await account.getEmail()).to.deep.equal({ email: 'amy@example.com', email_verified: true });
    expect((await account.startEmailChange({ email: ' new@example.com ' })).resend_after).to.equal(30);
    expect(JSON.parse(sent[1]!.body!)).to.deep.equal({ action: 'start', email: 'new@example.com' });
    expect((await rejection(account.verifyEmailChange({ code: '123 456' }))).code).to.equal(LatchErrorCode.EMAIL_TAKEN);
    expect(JSON.parse(sent[2]!.body!)).to.deep.equal({ action: 'verify', code: '123456' });
  });

  it('refuses a phone number that is not E.164 without sending it', async () => {
    const { client, sent } = clientWith({});
    const error = await rejection((await client.account()).startPhoneEnrollment({ phoneNumber: '07700 900123' }));
    expect(error.code).to.equal(LatchErrorCode.INVALID_OPTIONS);
    expect(sent).to.deep.equal([]);
  });
});

describe('client.clientCapabilities()', () => {
  it('is empty, not a failure, for an adapter without getClientCapabilities', async () => {
    const { client } = clientWith({});
    expect(await client.clientCapabilities()).to.deep.equal({});
  });

  it('reports what this Chromium says it can do', async () => {
    const client = createClient({ issuer: ISSUER, clientId: 'web', storage: memoryStore() });
    const capabilities = await client.clientCapabilities();
    // Debian's Chromium 156 reports every spec capability but hybrid transport (protocol.md A4).
    expect(capabilities.signalAllAcceptedCredentials).to.equal(true);
    expect(capabilities.conditionalGet).to.equal(true);
  });
});
