import { clientFor, onClientReady } from '../../controllers/client-loader.js';
import { loadFactorKit } from '../factor/load.js';
import { sharedClient } from './shared-client.js';
import type { LatchStepUp } from './step-up.component.js';

sharedClient.for = clientFor;
sharedClient.factors = loadFactorKit;

// The step-up prompt for pages that placed no <latch-step-up>: on the first step-up, its code is fetched
// (a chunk of its own) and the element is added to the page. Tiny on purpose: it ships in the base bundle.
// The chunk is imported only for its effect (it defines the tag) and the class is read from the registry,
// so the bundler needs no module namespace object, nor a runtime helper shared between chunks, for it.
function loadStepUp(): Promise<typeof LatchStepUp> {
  if (!customElements.get('latch-step-up')) void import('./step-up.js');
  return customElements.whenDefined('latch-step-up') as Promise<unknown> as Promise<typeof LatchStepUp>;
}

onClientReady((client) => {
  client.onStepUp(async (request) => (await loadStepUp()).for(client).stepUp(request));
});
