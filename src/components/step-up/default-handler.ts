import { lazy } from '../../client/lazy.js';
import { onClientReady } from '../../controllers/client-loader.js';
import type { LatchStepUp } from './step-up.component.js';

/** The element's chunk; a failed fetch is a NETWORK error for the pending call and is tried again next time. */
const defineStepUp = lazy(() => import('./step-up.js').then(() => undefined));

// The step-up prompt for pages that placed no <latch-step-up>: on the first step-up, its code is fetched
// (a chunk of its own) and the element is added to the page. Tiny on purpose: it ships in the base bundle.
// The chunk is imported only for its effect (it defines the tag); the class is read from the registry.
async function loadStepUp(): Promise<typeof LatchStepUp> {
  if (!customElements.get('latch-step-up')) await defineStepUp();
  return (await customElements.whenDefined('latch-step-up')) as typeof LatchStepUp;
}

onClientReady((client) => {
  client.onStepUp(async (request) => (await loadStepUp()).for(client).stepUp(request));
});
