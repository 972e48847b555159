import { expect } from '@open-wc/testing';
import { createClient } from '../../src/client/client.js';
import { LatchErrorCode } from '../../src/client/errors.js';
import { memoryStore } from '../../src/client/storage.js';
import { TRANSACTION_KEY } from '../../src/client/tab-storage.js';
import { PROFILE_VERSION } from '../../src/protocol/version.js';
import { rejection } from '../helpers/rejection.js';

// A backend that adds a step this version does not know (profile §2.7a), answered in the page; the e2e suite
// walks the whole web fallback against the reference backend (web-fallback.spec.ts).

const ISSUER = 'https://id.example.com';
const REQUEST_URI = 'urn:ietf:params:oauth:request_uri:r1';
// Long enough that a random state, nonce or verifier cannot contain it by chance (a two-letter value once did).
const AUTH_SESSION = 'auth-session-that-must-never-be-stored';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Answers discovery, and every challenge request with an added step and its request_uri; keeps the forms sent. */
function addedStepBackend() {
  const forms: URLSearchParams[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/authorize`,
        token_endpoint: `${ISSUER}/token`,
        authorization_challenge_endpoint: `${ISSUER}/authorize-challenge`,
        ciam_profile_versions_supported: [PROFILE_VERSION],
      });
    }
    forms.push(new URLSearchParams(String(init?.body)));
    return json(400, { error: 'insufficient_authorization', auth_session: AUTH_SESSION, ciam: { step: 'accept_terms' }, request_uri: REQUEST_URI });
  };
  return { forms, client: createClient({ issuer: ISSUER, clientId: 'web', fetch: fetchImpl, storage: memoryStore() }) };
}

describe('a step this version does not know', () => {
  it('sends the customer to the authorization endpoint with client_id and request_uri, keeping the transaction for the callback', async () => {
    const { client, forms } = addedStepBackend();
    const outcome = await client.startSignIn({ loginHint: 'amy@example.com' });
    expect(outcome).to.deep.equal({ type: 'web', url: `${ISSUER}/authorize?client_id=web&request_uri=${encodeURIComponent(REQUEST_URI)}` });
    const state = forms[0]!.get('state')!;
    expect(forms[0]!.get('redirect_uri')).to.equal(new URL('/callback', location.href).href);
    const kept = JSON.parse(sessionStorage.getItem(TRANSACTION_KEY + state) ?? '{}') as Record<string, string>;
    expect(kept).to.include({ state, returnTo: location.href });
    expect(kept.codeVerifier).to.have.length.greaterThan(42);
    expect(JSON.stringify(kept)).not.to.contain(AUTH_SESSION);
    sessionStorage.removeItem(TRANSACTION_KEY + state);
  });

  it('ends a step-up with LATCH_REDIRECT_REQUIRED instead of leaving the page its request was for', async () => {
    const { client } = addedStepBackend();
    const error = await rejection(client.startStepUp({ acrValues: ['urn:latch:acr:mfa'] }));
    expect(error.code).to.equal(LatchErrorCode.REDIRECT_REQUIRED);
  });
});
