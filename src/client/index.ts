/**
 * The headless Latchkey client: typed, no Lit, no `document`. Usable alone in any framework.
 * @packageDocumentation
 */
export { createClient } from './client.js';
export type * from './types.js';
export { parseAuthenticate, parseStepUpChallenge } from './step-up.js';
export type { AuthChallenge, StepUpChallenge, StepUpHandler, StepUpRequirement } from './step-up.js';
export { sessionChannel } from './session-channel.js';
export type { SessionChannel, SessionMessage, SignOutReason } from './session-channel.js';
export { validateReturnTo } from './return-to.js';
export { isConfigError, isQuietError, LatchError, LatchErrorCode } from './errors.js';
export type { ConfigProblem, LatchErrorDetails } from './errors.js';
export { indexedDbStore, memoryStore } from './storage.js';
export type { PreferenceStore } from './storage.js';
export { browserWebAuthn } from './webauthn.js';
export type { ClientCapabilities, ClientCapability, WebAuthnAdapter } from './webauthn.js';
export type { AccountApi } from './account.js';
export type { ConsentApi } from '../consent/consent.js';
export { acceptAllPurposes, consentModeOf, gpcEnabled, readChoice } from '../consent/choice.js';
export type { StoredChoice } from '../consent/choice.js';
