import { FactorController, isFactorStep } from '../../controllers/factor.controller.js';
import { factorStrings } from './factor.strings.js';
import { factorFailureText, factorNoticeText, renderFactor } from './factor.view.js';
import type { FactorKit } from './registry.js';

const kit: FactorKit = { FactorController, isFactorStep, renderFactor, factorFailureText, factorNoticeText, factorStrings };

/**
 * The factor steps' code. It ships in the base bundle for now (3.5 kB gzip): as a lazily loaded chunk next
 * to `<latch-step-up>`'s, rolldown moved Lit out of the entry into an extra file loaded before the form.
 * The promise keeps callers ready for it to become a chunk again.
 */
export function loadFactorKit(): Promise<FactorKit> {
  return Promise.resolve(kit);
}
