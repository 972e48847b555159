import type { FactorController, isFactorStep } from '../../controllers/factor.controller.js';
import type { factorStrings } from './factor.strings.js';
import type { factorFailureText, factorNoticeText, renderFactor } from './factor.view.js';

/** The factor steps' code, shared by `<latch-login>` (second factors) and `<latch-step-up>`. */
export interface FactorKit {
  FactorController: typeof FactorController;
  isFactorStep: typeof isFactorStep;
  renderFactor: typeof renderFactor;
  factorFailureText: typeof factorFailureText;
  factorNoticeText: typeof factorNoticeText;
  factorStrings: typeof factorStrings;
}
