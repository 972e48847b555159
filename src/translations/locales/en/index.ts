import type { Translation } from '../../translation.js';
import { errorCounts, errors } from './errors.js';
import { factor } from './factor.js';
import { login } from './login.js';
import { loginSteps } from './login-steps.js';
import { passkeys } from './passkeys.js';
import { privacy } from './privacy.js';
import { security } from './security.js';
import { session } from './session.js';
import { social } from './social.js';
import { stepUp } from './step-up.js';
import { consent } from './consent.js';
import { devices } from './devices.js';
import { trust } from './trust.js';

/**
 * English, every section: the reference for translators and the completeness test. The elements import
 * only their own sections (`./login.js`, …), so a lazily loaded element's words load with it.
 */
export const en = { $dir: 'ltr', login, loginSteps, social, errors, errorCounts, factor, stepUp, passkeys, security, privacy, session, consent, devices, trust } as const satisfies Translation;
