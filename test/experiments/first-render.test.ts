import { expect } from '@open-wc/testing';
import type { PropertyValues } from 'lit';
import { createClient } from '../../src/client/client.js';
import { DEVICE_ID_KEY } from '../../src/client/device-id.js';
import { memoryStore } from '../../src/client/storage.js';
import '../../src/components/login/login.js';
import { LatchLogin } from '../../src/components/login/login.component.js';
import { HOLD_MS } from '../../src/controllers/experiments.controller.js';
import { bucketOf } from '../../src/experiments/hash.js';
import type { ExperimentSource } from '../../src/experiments/types.js';
import type { Experiment, WidgetConfig } from '../../src/protocol/widget-config.js';

// The variant is on the first draw (no flicker): a spy on `updated` records the options of every draw, and a
// MutationObserver, watching before the element is connected, records every node the form ever put in the page.

// Nothing listens on port 9 (discard), so every backend call fails as a real refused connection does.
const OFFLINE_ISSUER = 'http://localhost:9';

interface Draw {
  lead: string;
  trustSignals: string;
  methods: string;
}

/** `<latch-login>` with a record of the options each of its draws had. */
class SpiedLogin extends LatchLogin {
  draws: Draw[] = [];
  protected override updated(changed: PropertyValues): void {
    this.draws.push({ lead: this.lead, trustSignals: this.trustSignals, methods: this.methods });
    super.updated(changed);
  }
}
customElements.define('latch-login-spied', SpiedLogin);

function experiment(more: Partial<Experiment> = {}): Experiment {
  return {
    key: 'trust-panel',
    status: 'running',
    variations: [
      { key: 'shown', weight: 0, options: { trustSignals: 'site brand' } },
      { key: 'hidden', weight: 1, options: { trustSignals: 'none', lead: 'passkey' } },
    ],
    ...more,
  };
}

/** Mounts the element with `setup` applied before it is connected; resolves after its first draw. */
async function mount(setup: (element: SpiedLogin) => void): Promise<{ element: SpiedLogin; trustBoxes: number }> {
  const element = document.createElement('latch-login-spied') as SpiedLogin;
  element.setAttribute('issuer', OFFLINE_ISSUER);
  element.setAttribute('client-id', 'web');
  setup(element);
  let trustBoxes = 0;
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element && (node.matches('[part~="trust"]') || node.querySelector('[part~="trust"]'))) trustBoxes++;
      }
    }
  });
  observer.observe(element, { childList: true, subtree: true });
  document.body.append(element);
  await element.updateComplete;
  observer.disconnect();
  return { element, trustBoxes };
}

afterEach(() => document.querySelectorAll('latch-login-spied').forEach((element) => element.remove()));

describe('experiments on the first draw', () => {
  it("draws the variant's options on the first draw, and never the element's own", async () => {
    const config: WidgetConfig = { version: 'cfg-7', experiments: [experiment()] };
    const { element, trustBoxes } = await mount((e) => {
      e.setAttribute('trust-signals', 'site brand');
      e.setAttribute('experiments', JSON.stringify(config));
    });
    expect(element.draws[0]).to.deep.equal({ lead: 'passkey', trustSignals: 'none', methods: 'passkey email_otp password' });
    expect(element.draws.every((draw) => draw.trustSignals === 'none')).to.equal(true);
    expect(trustBoxes).to.equal(0);
    expect(element.assignments).to.deep.equal([{ experiment: 'trust-panel', variation: 'hidden', options: { trustSignals: 'none', lead: 'passkey' } }]);
    expect(element.configVersion).to.equal('cfg-7');
  });

  it("fills only the options the page left unset from the config's own options", async () => {
    const config: WidgetConfig = { version: 'cfg-8', options: { trustSignals: 'none', methods: 'email_otp' } };
    const { element, trustBoxes } = await mount((e) => {
      e.setAttribute('trust-signals', 'site');
      e.experiments = config;
    });
    expect(element.draws[0]).to.deep.equal({ lead: 'email', trustSignals: 'site', methods: 'email_otp' });
    expect(trustBoxes).to.equal(1);
    expect(element.assignments).to.deep.equal([]);
    expect(element.configVersion).to.equal('cfg-8');
  });

  it("buckets the client's device id: the same id always gets the same variation", async () => {
    const evenSplit = experiment({
      key: 'lead',
      variations: [
        { key: 'email-first', weight: 0.5, options: { lead: 'email' } },
        { key: 'passkey-first', weight: 0.5, options: { lead: 'passkey' } },
      ],
    });
    const seen = new Set<string>();
    for (const id of ['device-aaaa-0001', 'device-aaaa-0002', 'device-aaaa-0003', 'device-aaaa-0004']) {
      const storage = memoryStore();
      await storage.set(DEVICE_ID_KEY, id);
      const expected = bucketOf('lead', id) < 0.5 ? 'email-first' : 'passkey-first';
      for (let view = 0; view < 2; view++) {
        const { element } = await mount((e) => {
          e.client = createClient({ issuer: OFFLINE_ISSUER, clientId: 'web', storage });
          e.experiments = { version: 'v1', experiments: [evenSplit] };
        });
        expect(element.assignments.map((a) => a.variation), id).to.deep.equal([expected]);
        seen.add(expected);
        expect(element.draws[0]!.lead).to.equal(expected === 'email-first' ? 'email' : 'passkey');
        element.remove();
      }
    }
    expect([...seen].sort()).to.deep.equal(['email-first', 'passkey-first']);
  });

  it('ignores a malformed config: the own options are drawn, and the console stays quiet', async () => {
    const said: unknown[] = [];
    const { warn, error } = console;
    console.warn = console.error = (...args: unknown[]) => void said.push(args);
    try {
      const { element, trustBoxes } = await mount((e) => {
        e.setAttribute('trust-signals', 'site');
        e.setAttribute('experiments', '{"version":"v1","experiments":[{"key":"x","status":"running","variations":[]}]}');
      });
      expect(element.draws[0]).to.deep.equal({ lead: 'email', trustSignals: 'site', methods: 'passkey email_otp password' });
      expect(trustBoxes).to.equal(1);
      expect(element.assignments).to.deep.equal([]);
      expect(element.configVersion).to.equal(undefined);
    } finally {
      Object.assign(console, { warn, error });
    }
    expect(said).to.deep.equal([]);
  });

  it('forces a variation with force-variant only where the experiment allows it, and marks it forced', async () => {
    const control = (allow: boolean) => experiment({ allow_force: allow, variations: [experiment().variations[1]!, experiment().variations[0]!].map((v, i) => ({ ...v, weight: i ? 0 : 1 })) });
    const refused = await mount((e) => {
      e.experiments = { version: 'v1', experiments: [control(false)] };
      e.forceVariant = 'trust-panel:shown';
    });
    expect(refused.element.assignments.map((a) => [a.variation, a.forced])).to.deep.equal([['hidden', undefined]]);
    const allowed = await mount((e) => {
      e.experiments = { version: 'v1', experiments: [control(true)] };
      e.setAttribute('force-variant', 'trust-panel:shown');
    });
    expect(allowed.element.assignments).to.deep.equal([{ experiment: 'trust-panel', variation: 'shown', options: { trustSignals: 'site brand' }, forced: true }]);
    expect(allowed.element.draws[0]!.trustSignals).to.equal('site brand');
  });

  it("takes a team's own source, and drops a variant whose options the element does not know", async () => {
    const source: ExperimentSource = {
      configVersion: 'of-3',
      assign: async (context) => [
        { experiment: 'good', variation: context.visitor === 'new' || context.visitor === 'returning' ? 'b' : '?', options: { lead: 'passkey' } },
        { experiment: 'bad', variation: 'x', options: { lead: 'fingerprint' } as never },
      ],
    };
    const { element } = await mount((e) => (e.experimentSource = source));
    expect(element.assignments).to.deep.equal([{ experiment: 'good', variation: 'b', options: { lead: 'passkey' } }]);
    expect(element.draws[0]!.lead).to.equal('passkey');
    expect(element.configVersion).to.equal('of-3');
  });

  it(`draws with its own options after ${HOLD_MS} ms when the variants do not come, and keeps them`, async function () {
    this.timeout(HOLD_MS + 4000);
    let answer: (value: never[]) => void = () => undefined;
    const source: ExperimentSource = { assign: () => new Promise((resolve) => (answer = resolve)) };
    const started = performance.now();
    const { element, trustBoxes } = await mount((e) => {
      e.setAttribute('trust-signals', 'site');
      e.experimentSource = source;
    });
    const waited = performance.now() - started;
    expect(waited).to.be.within(HOLD_MS - 50, HOLD_MS + 1500);
    expect(element.draws[0]!.trustSignals).to.equal('site');
    expect(trustBoxes).to.equal(1);
    answer([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(element.assignments).to.deep.equal([]);
  });
});
