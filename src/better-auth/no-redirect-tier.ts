import { createAuthEndpoint } from 'better-auth/api';
import { errorAnswer } from './http/answers.js';

// The metadata schema requires `authorization_endpoint` and `token_endpoint`. Without @better-auth/oauth-provider
// the adapter has no redirect sign-in and redeems no codes (session completion, profile §3), so these answer
// with the standard errors instead of a page that does not exist.

/** The routes under better-auth's base path. */
export const NO_REDIRECT_PATHS = { authorize: '/latchkey/authorize', token: '/latchkey/token' } as const;

/** The two endpoint records. */
export function noRedirectEndpoints() {
  return {
    latchkeyAuthorize: createAuthEndpoint(NO_REDIRECT_PATHS.authorize, { method: 'GET' }, async () =>
      errorAnswer(400, 'unsupported_response_type', 'this backend signs in only through the authorization challenge endpoint'),
    ),
    latchkeyToken: createAuthEndpoint(NO_REDIRECT_PATHS.token, { method: 'POST', disableBody: true }, async () =>
      errorAnswer(400, 'unsupported_grant_type', 'codes from this backend complete by session cookie; they are not redeemed'),
    ),
  };
}
