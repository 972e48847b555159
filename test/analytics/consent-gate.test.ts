import { expect } from '@open-wc/testing';
import { gateState, watchGate, type GateState } from '../../src/analytics/consent-gate.js';
import { choiceFor, writeChoice, writeCachedConfig } from '../../src/consent/choice.js';
import { LatchConsentChangeEvent } from '../../src/events/consent.js';
import { CONFIG } from '../helpers/consent-config.js';

function sendGpc(on: boolean): void {
  Object.defineProperty(navigator, 'globalPrivacyControl', { value: on, configurable: true });
}

describe('analytics consent gate', () => {
  let banner: HTMLElement | undefined;
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    banner?.remove();
    banner = undefined;
    sendGpc(false);
    localStorage.clear();
  });

  function addBanner(): void {
    banner = document.body.appendChild(document.createElement('latch-consent-banner'));
  }

  it('lets events flow without a consent kit on the page (the site is responsible)', () => {
    expect(gateState()).to.equal('granted');
  });

  it('holds events while the banner is on the page and no choice was made', () => {
    addBanner();
    expect(gateState()).to.equal('pending');
  });

  it('follows the stored choice of the analytics purpose', () => {
    addBanner();
    writeChoice(choiceFor(CONFIG, { analytics: true }, 'banner', false));
    expect(gateState()).to.equal('granted');
    writeChoice(choiceFor(CONFIG, { functional: true }, 'banner', false));
    expect(gateState()).to.equal('refused');
  });

  it('treats analytics as granted where the policy makes it a required purpose', () => {
    addBanner();
    writeCachedConfig({ ...CONFIG, purposes: CONFIG.purposes.map((purpose) => (purpose.id === 'analytics' ? { ...purpose, required: true } : purpose)) });
    expect(gateState()).to.equal('granted');
  });

  it('honours Global Privacy Control: no events without a kit, the visitor’s explicit choice with one', () => {
    sendGpc(true);
    expect(gateState()).to.equal('refused');
    addBanner();
    expect(gateState()).to.equal('pending');
    writeChoice(choiceFor(CONFIG, { analytics: true }, 'banner', true));
    expect(gateState()).to.equal('granted');
  });

  it('hears a choice taking effect on the page', () => {
    const heard: GateState[] = [];
    const stop = watchGate((state) => heard.push(state));
    const change = (analytics: boolean) =>
      document.dispatchEvent(new LatchConsentChangeEvent({ policy: 'cookies', version: '2026-12', purposes: { analytics }, gpc: false, method: 'banner' }));
    change(true);
    change(false);
    stop();
    change(true);
    expect(heard).to.deep.equal(['granted', 'refused']);
  });
});
