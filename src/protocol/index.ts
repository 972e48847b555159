/**
 * The Latchkey backend profile: every wire message as a zod/mini schema. These schemas are the contract;
 * `docs/protocol.md` describes it in prose and `docs/schemas/` holds the generated JSON Schemas.
 * @packageDocumentation
 */
export { PROFILE_VERSION } from './version.js';
export { MAX_STRING } from './limits.js';
export { AuthorizationServerMetadata, StepType } from './metadata.js';
export {
  ChallengeErrorResponse,
  ChallengeSuccessResponse,
  Email,
  ERROR_CODES,
  FieldError,
  InitialChallengeRequest,
  Method,
  StepRequest,
  StepRequestBody,
  StepState,
  type ErrorCode,
} from './challenge.js';
export {
  Passkey,
  PasskeyCreationOptionsResponse,
  PasskeyRegistrationRequest,
  PasskeyRegistrationResponse,
  SessionStatus,
  User,
} from './session.js';
export { IdTokenClaims } from './tokens.js';
export {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from './webauthn.js';
