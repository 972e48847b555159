import { PROFILE_VERSION } from '../../src/protocol/version.js';

// The in-page backend of the account elements' component tests: a discovery document and JSON answers.

export const ISSUER = 'https://id.example.com';

export const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Discovery with the passkeys endpoint, plus the account endpoints and limits a test's backend has. */
export function accountDiscovery(extra: Record<string, unknown> = {}): Response {
  return json(200, {
    issuer: ISSUER,
    authorization_endpoint: `${ISSUER}/authorize`,
    token_endpoint: `${ISSUER}/token`,
    ciam_profile_versions_supported: [PROFILE_VERSION],
    ciam_passkeys_endpoint: `${ISSUER}/passkeys`,
    ...extra,
  });
}

/** RFC 9470's answer to a sensitive change: authenticate again, within the last 5 minutes. */
export const recentAuthNeeded = (): Response =>
  new Response(JSON.stringify({ error: 'insufficient_user_authentication', max_age: 300 }), {
    status: 401,
    headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer error="insufficient_user_authentication", max_age="300"' },
  });
