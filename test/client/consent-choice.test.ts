import { expect } from '@open-wc/testing';
import {
  acceptAllPurposes,
  choiceFor,
  consentModeOf,
  gpcEnabled,
  readCachedConfig,
  readChoice,
  writeCachedConfig,
  writeChoice,
} from '../../src/consent/choice.js';
import type { ConsentConfig } from '../../src/protocol/consent.js';
import { CONFIG } from '../helpers/consent-config.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 3);

/** Runs `test` with localStorage throwing, as a browser that blocks storage does (fault C1). */
async function withBlockedStorage(test: () => void | Promise<void>): Promise<void> {
  const real = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get: () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    },
  });
  try {
    await test();
  } finally {
    Object.defineProperty(window, 'localStorage', real);
  }
}

describe('consent choice store', () => {
  beforeEach(() => localStorage.clear());

  it('keeps a choice and reads it back until it expires', () => {
    const choice = choiceFor(CONFIG, { analytics: true }, 'banner', false, NOW);
    writeChoice(choice);
    expect(readChoice(NOW + DAY)).to.deep.equal(choice);
    expect(readChoice(NOW + 365 * DAY - 1)).to.deep.equal(choice);
    expect(readChoice(NOW + 365 * DAY)).to.equal(undefined);
  });

  it('answers no choice for corrupt JSON or a wrong shape, so the visitor is asked again', () => {
    const valid = choiceFor(CONFIG, {}, 'banner', false, NOW);
    const broken: unknown[] = [
      '{"v":1,',
      'null',
      '[]',
      { ...valid, v: 2 },
      { ...valid, purposes: { analytics: 'yes' } },
      { ...valid, consent_mode: { ...valid.consent_mode, ad_storage: 'maybe' } },
      { ...valid, consent_mode: { ad_storage: 'granted' } },
      { ...valid, expires_at: String(valid.expires_at) },
    ];
    for (const value of broken) {
      localStorage.setItem('latch-consent', typeof value === 'string' ? value : JSON.stringify(value));
      expect(readChoice(NOW), JSON.stringify(value)).to.equal(undefined);
    }
  });

  it('with blocked storage keeps the choice for this page only, and never throws', async () => {
    await withBlockedStorage(() => {
      expect(readChoice(NOW)).to.equal(undefined);
      const choice = choiceFor(CONFIG, { analytics: true }, 'banner', false, NOW);
      expect(() => writeChoice(choice)).not.to.throw();
      expect(readChoice(NOW)).to.deep.equal(choice);
      expect(() => writeCachedConfig(CONFIG)).not.to.throw();
      expect(readCachedConfig()).to.deep.equal(CONFIG);
    });
    // Nothing reached the real storage.
    expect(localStorage.getItem('latch-consent')).to.equal(null);
  });

  it('reads a cached config back, and refuses one that is not a config', () => {
    writeCachedConfig(CONFIG);
    expect(readCachedConfig()).to.deep.equal(CONFIG);
    localStorage.setItem('latch-consent-config', JSON.stringify({ policy: 'cookies', version: '1', purposes: 'all' }));
    expect(readCachedConfig()).to.equal(undefined);
    localStorage.setItem('latch-consent-config', '{');
    expect(readCachedConfig()).to.equal(undefined);
  });

  it('records exactly the optional purposes, with a fresh receipt id and the expiry of a refusal or an acceptance', () => {
    const refusal = choiceFor(CONFIG, { necessary: true, unknown: true }, 'banner', false, NOW);
    expect(refusal.purposes).to.deep.equal({ functional: false, analytics: false, advertising: false, personalisation: false, sale_share: false });
    expect(refusal.expires_at).to.equal(NOW + 182 * DAY);
    const acceptance = choiceFor(CONFIG, { analytics: true }, 'banner', false, NOW);
    expect(acceptance.expires_at).to.equal(NOW + 365 * DAY);
    expect(acceptance.id).to.match(/^[0-9a-f-]{36}$/);
    expect(acceptance.id).not.to.equal(refusal.id);
    expect(acceptance).to.include({ v: 1, policy: 'cookies', version: '2026-12', method: 'banner', gpc: false, chosen_at: NOW });
  });
});

describe('consentModeOf', () => {
  it('grants a type only when every purpose mapping it is on; required purposes count as on', () => {
    expect(consentModeOf(CONFIG, {})).to.deep.equal({
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      analytics_storage: 'denied',
      functionality_storage: 'denied',
      personalization_storage: 'denied',
      security_storage: 'granted',
    });
    // Advertising alone: ad_user_data also needs sale/share.
    expect(consentModeOf(CONFIG, { advertising: true })).to.include({ ad_storage: 'granted', ad_personalization: 'granted', ad_user_data: 'denied' });
    expect(consentModeOf(CONFIG, { advertising: true, sale_share: true })).to.include({ ad_user_data: 'granted' });
    expect(consentModeOf(CONFIG, { analytics: true, functional: true, personalisation: true })).to.include({
      analytics_storage: 'granted',
      functionality_storage: 'granted',
      personalization_storage: 'granted',
      ad_storage: 'denied',
    });
  });

  it('denies a type no purpose maps, whatever is on', () => {
    const noMapping: ConsentConfig = { ...CONFIG, purposes: [{ id: 'analytics', legal_basis: 'consent', required: false }] };
    expect(Object.values(consentModeOf(noMapping, { analytics: true }))).to.deep.equal(Array(7).fill('denied'));
  });
});

describe('GPC', () => {
  afterEach(() => delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl);

  it('is on only when navigator.globalPrivacyControl is true', () => {
    expect(gpcEnabled()).to.equal(false);
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    expect(gpcEnabled()).to.equal(true);
  });

  it('"Accept all" leaves the purposes GPC opts out of off while it is on', () => {
    expect(acceptAllPurposes(CONFIG, true)).to.deep.equal({ functional: true, analytics: true, advertising: false, personalisation: true, sale_share: false });
    expect(acceptAllPurposes(CONFIG, false)).to.deep.equal({ functional: true, analytics: true, advertising: true, personalisation: true, sale_share: true });
  });
});

