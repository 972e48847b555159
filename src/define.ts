/**
 * The npm entry, `import 'latchkey'`: registers <latch-login> now and every other element when its tag first
 * appears on the page, however late (a route rendered after the import, an open shadow root), each from a
 * chunk of its own. It carries no element class and no client, so an app's bundler keeps them lazy: the
 * classes are in `latchkey/elements`, the client in `latchkey/client`, each element alone in `latchkey/<name>`.
 * The types are re-exported for code that imported them from here.
 * @packageDocumentation
 */
import './login.js';
import { defineLazyTags } from './elements/lazy-tags.js';

defineLazyTags();

export type * from './index.js';
// From the modules that register them, so `document.createElement('latch-security')` and friends are typed
// (HTMLElementTagNameMap) for an app that imports only this entry.
export type { LatchPasskeys } from './components/passkeys/passkeys.js';
export type { LatchSecurity } from './components/security/security.js';
export type { LatchPrivacy } from './components/privacy/privacy.js';
export type { LatchDevices } from './components/devices/devices.js';
export type { LatchSessionTimeout } from './components/session/session-timeout.js';
export type { LatchConsentBanner } from './components/consent/consent-banner.js';
export type { LatchSocialButtons } from './components/social-buttons/social-buttons.js';
export type { LatchStepUp } from './components/step-up/step-up.js';
