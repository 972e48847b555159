import { FactorController, isFactorStep } from '../../controllers/factor.controller.js';
import { factorEnglish, factorFailureText, factorNoticeText, reasonText, renderFactor } from './factor.view.js';
import type { FactorKit } from './registry.js';

/** The factor steps' code, as one lazily loaded chunk (see `load.ts`). */
export const kit: FactorKit = { FactorController, isFactorStep, renderFactor, factorFailureText, factorNoticeText, factorEnglish, reasonText };
