import type { Check } from '../check.js';
import { challengeChecks } from './challenge.js';
import { corsChecks } from './cors.js';
import { discoveryChecks } from './discovery.js';
import { enumerationChecks } from './enumeration.js';
import { errorChecks } from './errors.js';
import { passkeyChecks } from './passkeys.js';
import { redirectChecks } from './redirect.js';
import { sessionChecks, sessionEndChecks } from './session.js';
import { stepUpChecks } from './step-up.js';

/**
 * Every check, in the order they run: the account's sign-in and the side-by-side pair come before the
 * passkey (a passkey can turn a later email-code sign-in into a second-factor challenge), the sign-out waits
 * until nothing needs the account's session, and the checks that judge every answer of the run come last. The ids are docs/protocol.md §30's.
 */
export const CHECKS: readonly Check[] = [
  ...discoveryChecks,
  ...challengeChecks,
  ...enumerationChecks,
  ...sessionChecks,
  ...passkeyChecks,
  ...stepUpChecks,
  ...redirectChecks,
  ...corsChecks,
  ...sessionEndChecks,
  ...errorChecks,
];
