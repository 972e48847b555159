/**
 * The Latchkey elements' classes, events and translations, without registering any tag.
 * @packageDocumentation
 */
export { LatchLogin } from './components/login/login.component.js';
export { LatchSocialButtons } from './components/social-buttons/social-buttons.component.js';
// Type only: the element's code is a chunk of its own, loaded on the first step-up (or by its tag).
export type { LatchStepUp } from './components/step-up/step-up.component.js';
export { factorStrings, type FactorStrings } from './components/factor/factor.strings.js';
export { stepUpStrings, type StepUpStrings } from './components/step-up/step-up.strings.js';
export { LatchPasskeys } from './components/passkeys/passkeys.component.js';
export { LatchSecurity } from './components/security/security.component.js';
export { passkeysStrings } from './components/passkeys/passkeys.strings.js';
export type { PasskeysStrings } from './components/passkeys/passkeys.strings.js';
export { securityStrings } from './components/security/security.strings.js';
export type { SecurityStrings } from './components/security/security.strings.js';
export { LatchSessionTimeout } from './components/session/session-timeout.component.js';
export { sessionTimeoutStrings } from './components/session/session-timeout.strings.js';
export type { SessionTimeoutStrings } from './components/session/session-timeout.strings.js';
export { LatchSessionEndedEvent, LatchSessionExtendedEvent, LatchSessionWarningEvent } from './events/session.js';
export { relayPopupCallback } from './popup-callback.js';
export { LatchErrorEvent, LatchSignedInEvent, LatchSignedOutEvent, LatchStepEvent } from './events/index.js';
export type { LoginStep } from './events/index.js';
export { en, registerTranslation, translationFor } from './translations/index.js';
export type { ErrorContext, Translation } from './translations/index.js';
export { createClient, LatchError, LatchErrorCode } from './client/index.js';
export type { ClientOptions, LatchClient, SessionChange, SignedIn, StepOutcome, StepUpHandler, StepUpRequirement } from './client/index.js';
