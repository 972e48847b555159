import { lazy } from '../../client/lazy.js';
import type { FactorKit } from './registry.js';

/**
 * The factor steps' code (second factors in `<latch-login>`, every step of `<latch-step-up>`): a chunk of
 * its own, fetched the first time a factor step is shown, so the sign-in form does not carry it.
 */
export const loadFactorKit: () => Promise<FactorKit> = lazy(async () => (await import('./factor-kit.js')).kit);
