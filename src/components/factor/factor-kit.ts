import { FactorController, isFactorStep } from '../../controllers/factor.controller.js';
import { factorStrings } from './factor.strings.js';
import { factorFailureText, factorNoticeText, renderFactor } from './factor.view.js';
import type { FactorKit } from './registry.js';

/** The factor steps' code, as one lazily loaded chunk (see `load.ts`). */
export const kit: FactorKit = { FactorController, isFactorStep, renderFactor, factorFailureText, factorNoticeText, factorStrings };
