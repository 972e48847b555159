/**
 * The Latchkey elements' classes, events and translations, without registering any tag.
 * @packageDocumentation
 */
export { LatchLogin } from './components/login/login.component.js';
export { LatchSocialButtons } from './components/social-buttons/social-buttons.component.js';
// Type only: the element's code is a chunk of its own, loaded on the first step-up (or by its tag).
export type { LatchStepUp } from './components/step-up/step-up.component.js';
export { LatchPasskeys } from './components/passkeys/passkeys.component.js';
export { LatchSecurity } from './components/security/security.component.js';
export { LatchPrivacy } from './components/privacy/privacy.component.js';
export { LatchDevices } from './components/devices/devices.component.js';
export { LatchAccountDeletedEvent } from './events/account-deleted.js';
export { LatchSessionTimeout } from './components/session/session-timeout.component.js';
export { LatchConsentBanner } from './components/consent/consent-banner.component.js';
export { LatchTrustPanel } from './components/trust/trust-panel.component.js';
export { LatchSessionEndedEvent, LatchSessionExtendedEvent, LatchSessionWarningEvent } from './events/session.js';
export { LatchConsentChangeEvent } from './events/consent.js';
export { LatchAnalyticsEvent } from './events/analytics.js';
export type { AnalyticsSink } from './analytics/sink.js';
export type { AnalyticsEvent, AnalyticsEventType } from './protocol/analytics.js';
export type { ConsentChangeDetail } from './events/consent.js';
export { relayPopupCallback } from './popup-callback.js';
export { LatchErrorEvent, LatchSignedInEvent, LatchSignedOutEvent, LatchStepEvent } from './events/index.js';
export type { LoginStep } from './events/index.js';
export { en, loadTranslation, registerTranslation } from './translations/index.js';
export type { ErrorContext, Message, PartialTranslation, Plural, PluralCategory, SectionName, Translation, TranslationLoader } from './translations/index.js';
export { createClient, LatchError, LatchErrorCode } from './client/index.js';
export type { ClientOptions, LatchClient, SessionChange, SignedIn, StepOutcome, StepUpHandler, StepUpRequirement } from './client/index.js';
