import { expectThat, Skipped, type Check } from '../check.js';
import type { RunContext } from '../context.js';
import { bodyOf } from '../http.js';
import type { SoftAuthenticator } from '../authenticator.js';
import { expectState } from './challenge.js';

// §12.2: step-up (RFC 9470) through the challenge endpoint, where discovery lists `acr_values_supported`.

async function levels(ctx: RunContext): Promise<string[]> {
  const supported = (await ctx.discovery()).metadata.acr_values_supported ?? [];
  if (supported.length === 0) throw new Skipped('discovery does not advertise acr_values_supported');
  return supported;
}

export const stepUpChecks: Check[] = [
  {
    id: 'C-STEPUP-1',
    section: '§12.2',
    title: 'A step-up (acr_values) without a session answers 400 login_required',
    async run(ctx) {
      const [weakest] = await levels(ctx);
      const exchange = await ctx.start(ctx.browser(), { acr_values: weakest! });
      expectThat(exchange.status === 400 && bodyOf(exchange).error === 'login_required', 'expected 400 login_required', exchange);
    },
  },
  {
    id: 'C-STEPUP-2',
    section: '§12.2',
    title: 'A step-up for a level not in acr_values_supported answers 400 unmet_authentication_requirements',
    async run(ctx) {
      await levels(ctx);
      const { browser } = await ctx.signedIn();
      const exchange = await ctx.start(browser, { acr_values: 'urn:conformance:acr:unreachable' });
      expectThat(exchange.status === 400 && bodyOf(exchange).error === 'unmet_authentication_requirements', 'expected 400 unmet_authentication_requirements', exchange);
    },
  },
  {
    id: 'C-STEPUP-3',
    section: '§12.2',
    title: 'A step-up to the strongest level asks for the passkey (reason step_up), and the passkey completes it',
    async run(ctx) {
      const strongest = (await levels(ctx)).at(-1)!;
      const { authenticator, signedIn } = await ctx.passkey();
      const asked = await ctx.start(signedIn.browser, { acr_values: strongest });
      const ciam = expectState(asked, 'webauthn');
      expectThat(ciam.reason === 'step_up', `reason is ${JSON.stringify(ciam.reason)}, not step_up`, asked);
      const requestOptions = ciam.request_options as Parameters<SoftAuthenticator['get']>[0];
      const done = await ctx.step(signedIn.browser, asked, { type: 'webauthn', action: 'verify', response: authenticator.get(requestOptions) });
      expectThat(done.status === 200 && typeof bodyOf(done).authorization_code === 'string', 'the passkey did not complete the step-up', done);
    },
  },
];
