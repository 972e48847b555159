/**
 * The Latchkey elements' classes, events and translations, without registering any tag.
 * @packageDocumentation
 */
export { LatchLogin } from './components/login/login.component.js';
export { LatchSocialButtons } from './components/social-buttons/social-buttons.component.js';
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
export type { ClientOptions, LatchClient, SessionChange, SignedIn, StepOutcome } from './client/index.js';
