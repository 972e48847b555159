import { expect } from '@open-wc/testing';
import type { ReactiveControllerHost } from 'lit';
import type { LatchClient } from '../../src/client/client.js';
import { LatchError, LatchErrorCode } from '../../src/client/errors.js';
import { PasskeyAutofillController } from '../../src/controllers/passkey-autofill.controller.js';
import { waitUntil } from '../helpers/wait-until.js';

// Passkey autofill's failures: a picked passkey that fails is the customer's business (shown); a browser that lists
// autofill but cannot run it is not (nothing shown). The request is a real promise the fake client rejects.

const host = { addController: () => undefined } as unknown as ReactiveControllerHost;

/** Starts autofill against a client whose request fails with `error`; answers what reached `fail` once it ended. */
async function failures(error: LatchError): Promise<unknown[]> {
  const failed: unknown[] = [];
  const client = { signInWithPasskey: () => Promise.reject(error) } as unknown as LatchClient;
  const autofill = new PasskeyAutofillController(host, { client: () => client, enabled: () => true, follow: async () => undefined, fail: (e) => failed.push(e) });
  autofill.start();
  expect(autofill.running, 'the request is open').to.equal(true);
  // The controller forgets the request and decides about `fail` in the same step.
  await waitUntil(() => !autofill.running, 'the autofill request ended');
  return failed;
}

describe('PasskeyAutofillController', () => {
  it('shows a failed pick (a passkey the backend refused)', async () => {
    const refused = new LatchError(LatchErrorCode.PASSKEY_FAILED, 'The passkey ceremony failed');
    expect(await failures(refused)).to.deep.equal([refused]);
  });

  it('says nothing when the browser cannot run autofill after all (NotSupportedError): the customer asked for nothing', async () => {
    expect(await failures(new LatchError(LatchErrorCode.PASSKEY_UNAVAILABLE, 'Passkeys are unavailable here'))).to.deep.equal([]);
  });
});
