/**
 * The Latchkey backend profile: every wire message as a zod/mini schema. These schemas are the contract;
 * `docs/protocol.md` describes it in prose and `docs/schemas/` holds the generated JSON Schemas.
 * @packageDocumentation
 */
export { PROFILE_VERSION, PROFILE_VERSIONS_SPOKEN } from './version.js';
export { MAX_STRING } from './limits.js';
export { AuthorizationServerMetadata, Connection, StepType } from './metadata.js';
export {
  ChallengeErrorResponse,
  ChallengeSuccessResponse,
  ERROR_CODES,
  Factor,
  FieldError,
  Method,
  PasskeyOptionsResponse,
  PendingPollResponse,
  Reason,
  StepState,
  type ErrorCode,
} from './challenge.js';
export { Email, InitialChallengeRequest, StepRequest, StepRequestBody } from './requests.js';
export { SessionStatus, User } from './session.js';
export {
  Passkey,
  PasskeyCreationOptionsResponse,
  PasskeyRegistrationRequest,
  PasskeyRegistrationResponse,
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from './passkey-registration.js';
// Consent and privacy (profile §23–§25).
export * from './policies.js';
export * from './consent.js';
// Trust signals (profile §26) and the account's sessions and activity (§27).
export * from './trust.js';
export * from './devices.js';
// The account resources' schemas, every one of them public (listed once, in account.ts).
export * from './account.js';
// The widget's remote config and experiments (profile §28), and its analytics events (§29).
export * from './widget-config.js';
export * from './analytics.js';
export { IdTokenClaims } from './tokens.js';
export { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from './webauthn.js';
