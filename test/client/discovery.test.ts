import { expect } from '@open-wc/testing';
import { createClient } from '../../src/client/client.js';
import { LatchErrorCode } from '../../src/client/errors.js';
import { memoryStore } from '../../src/client/storage.js';
import { PROFILE_VERSION, PROFILE_VERSIONS_SPOKEN } from '../../src/protocol/version.js';
import { rejection } from '../helpers/rejection.js';

// Profile §1 and §10: which backends the client talks to, by the versions they list, and what it offers a
// backend that completes by session only (profile 2026-12 lets it name no authorization or token endpoint).

const ISSUER = 'https://id.example.com';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A backend answering discovery with `metadata` (plus the issuer), the session as signed out, and the identifier step. */
function backend(metadata: Record<string, unknown>, options: { completion?: 'session' | 'tokens' } = {}) {
  const asked: string[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    const url = new URL(String(input));
    asked.push(url.pathname);
    if (url.pathname === '/.well-known/openid-configuration') return json(200, { issuer: ISSUER, ...metadata });
    if (url.pathname === '/session') return json(200, { active: false });
    return json(400, { error: 'insufficient_authorization', auth_session: 's1', ciam: { step: 'identifier' } });
  };
  const client = createClient({ issuer: ISSUER, clientId: 'web', fetch: fetchImpl, storage: memoryStore(), ...options });
  return { client, asked };
}

const PROFILE_ENDPOINTS = {
  authorization_challenge_endpoint: `${ISSUER}/authorize-challenge`,
  ciam_session_endpoint: `${ISSUER}/session`,
};
const OAUTH_ENDPOINTS = { authorization_endpoint: `${ISSUER}/authorize`, token_endpoint: `${ISSUER}/token` };
const GOOGLE = { id: 'google', kind: 'social', name: 'Google', brand: 'google', authorization_params: { connection: 'google' } };

/** A 2026-12 backend that completes by session: no OAuth endpoints, and connections it cannot serve. */
const sessionOnly = (options?: { completion?: 'session' | 'tokens' }) =>
  backend({ ...PROFILE_ENDPOINTS, ciam_profile_versions_supported: ['2026-12'], ciam_connections: [GOOGLE] }, options);

describe('profile versions (profile §10)', () => {
  it('speaks 2026-12, and 2026-11 since 2026-12 only relaxed what a backend must name', () => {
    expect(PROFILE_VERSION).to.equal('2026-12');
    expect([...PROFILE_VERSIONS_SPOKEN]).to.deep.equal(['2026-12', '2026-11']);
  });

  for (const versions of [['2026-11'], ['2026-12'], ['2026-12', '2026-11']]) {
    it(`talks to a backend listing ${versions.join(' and ')}`, async () => {
      const { client } = backend({ ...OAUTH_ENDPOINTS, ...PROFILE_ENDPOINTS, ciam_profile_versions_supported: versions });
      expect(await client.getSession()).to.deep.equal({ active: false });
      const outcome = await client.startSignIn({ loginHint: 'amy@example.com' });
      expect(outcome.type).to.equal('step');
    });
  }

  it('refuses a backend listing neither version with LATCH_CONFIG_PROFILE_VERSION naming both', async () => {
    const { client, asked } = backend({ ...OAUTH_ENDPOINTS, ...PROFILE_ENDPOINTS, ciam_profile_versions_supported: ['2025-01', '2027-03'] });
    const error = await rejection(client.getSession());
    expect(error.code).to.equal(LatchErrorCode.CONFIG_PROFILE_VERSION);
    expect(error.message).to.contain('2026-12, 2026-11').and.contain('2025-01, 2027-03');
    expect(asked).to.deep.equal(['/.well-known/openid-configuration']);
  });
});

describe('a backend that completes by session only (profile §1, 2026-12)', () => {
  it('parses metadata without authorization_endpoint and token_endpoint', async () => {
    const { client } = sessionOnly();
    const metadata = await client.discover();
    expect(metadata.authorization_endpoint).to.equal(undefined);
    expect(metadata.token_endpoint).to.equal(undefined);
    expect(metadata.authorization_challenge_endpoint).to.equal(`${ISSUER}/authorize-challenge`);
  });

  it('signs in inside the widget with session completion', async () => {
    const { client, asked } = sessionOnly();
    const outcome = await client.startSignIn({ loginHint: 'amy@example.com' });
    expect(outcome.type).to.equal('step');
    expect(asked).to.include('/authorize-challenge');
  });

  it('offers no connections, even ones the metadata lists (their buttons could not work)', async () => {
    const { client } = sessionOnly();
    expect(await client.connections()).to.deep.equal([]);
    expect(await client.connectionForEmail('amy@google.com')).to.equal(undefined);
  });

  it('refuses a redirect sign-in with LATCH_CONFIG_NO_OAUTH_ENDPOINTS', async () => {
    const { client } = sessionOnly();
    const error = await rejection(client.startRedirectSignIn());
    expect(error.code).to.equal(LatchErrorCode.CONFIG_NO_OAUTH_ENDPOINTS);
    expect(error.config).to.deep.equal({ issuer: ISSUER });
    expect(error.message).to.contain('authorization_endpoint');
  });

  it("refuses completion: 'tokens' before the first sign-in request, with LATCH_CONFIG_NO_OAUTH_ENDPOINTS", async () => {
    const { client, asked } = sessionOnly({ completion: 'tokens' });
    const error = await rejection(client.startSignIn({ loginHint: 'amy@example.com' }));
    expect(error.code).to.equal(LatchErrorCode.CONFIG_NO_OAUTH_ENDPOINTS);
    expect(error.message).to.contain("completion: 'tokens'");
    expect(asked).not.to.include('/authorize-challenge');
  });

  it("refuses completion: 'tokens' at a backend naming an authorization but no token endpoint", async () => {
    const { client } = backend({ ...PROFILE_ENDPOINTS, authorization_endpoint: `${ISSUER}/authorize`, ciam_profile_versions_supported: ['2026-12'] }, { completion: 'tokens' });
    const error = await rejection(client.startSignIn({ loginHint: 'amy@example.com' }));
    expect(error.code).to.equal(LatchErrorCode.CONFIG_NO_OAUTH_ENDPOINTS);
    expect(error.message).to.contain('token_endpoint');
  });
});
