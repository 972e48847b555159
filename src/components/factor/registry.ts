import type { FactorController, isFactorStep } from '../../controllers/factor.controller.js';
import type { factorEnglish, factorFailureText, factorNoticeText, reasonText, renderFactor } from './factor.view.js';

/** The factor steps' code, shared by `<latch-login>` (second factors) and `<latch-step-up>`. */
export interface FactorKit {
  FactorController: typeof FactorController;
  isFactorStep: typeof isFactorStep;
  renderFactor: typeof renderFactor;
  factorFailureText: typeof factorFailureText;
  factorNoticeText: typeof factorNoticeText;
  factorEnglish: typeof factorEnglish;
  reasonText: typeof reasonText;
}
