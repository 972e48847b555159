import { expect } from '@open-wc/testing';
import { choiceFor } from '../../src/consent/choice.js';
import { announceChoice } from '../../src/consent/signals.js';
import { CONFIG } from '../helpers/consent-config.js';

type Page = { dataLayer?: unknown[] };

describe('consent signals', () => {
  afterEach(() => delete (window as Page).dataLayer);

  it('pushes consent update (as Arguments), then latch_consent_update, then fires latch-consent-change', () => {
    const order: string[] = [];
    const layer: unknown[] = [];
    layer.push = (...entries: unknown[]) => {
      for (const entry of entries) order.push(Object.prototype.toString.call(entry) === '[object Arguments]' ? `gtag ${Array.from(entry as IArguments).slice(0, 2).join(' ')}` : `event ${(entry as { event: string }).event}`);
      return Array.prototype.push.apply(layer, entries);
    };
    (window as Page).dataLayer = layer;
    const details: unknown[] = [];
    const listener = (event: Event) => {
      order.push(event.type);
      details.push((event as CustomEvent).detail);
    };
    document.addEventListener('latch-consent-change', listener);
    const choice = choiceFor(CONFIG, { analytics: true }, 'banner', false, 1);
    announceChoice(choice);
    document.removeEventListener('latch-consent-change', listener);

    expect(order).to.deep.equal(['gtag consent update', 'event latch_consent_update', 'latch-consent-change']);
    expect(Array.from(layer[0] as IArguments)).to.deep.equal(['consent', 'update', choice.consent_mode]);
    expect(layer[1]).to.deep.equal({ event: 'latch_consent_update', latch_consent: { version: '2026-12', purposes: choice.purposes } });
    expect(details).to.deep.equal([{ policy: 'cookies', version: '2026-12', purposes: choice.purposes, gpc: false, method: 'banner' }]);
  });

  it('without a dataLayer only fires the event, and makes none', () => {
    let heard = 0;
    const listener = () => heard++;
    document.addEventListener('latch-consent-change', listener);
    announceChoice(choiceFor(CONFIG, {}, 'banner', false, 1));
    document.removeEventListener('latch-consent-change', listener);
    expect(heard).to.equal(1);
    expect((window as Page).dataLayer).to.equal(undefined);
  });
});
