import type { ConsentModeType } from './protocol/consent.js';
import { readCachedConfig, readChoice, type ConsentModeValue } from './consent/choice.js';
import { CONSENT_MODE_TYPES } from './protocol/consent-mode-types.js';
import { pushConsent } from './consent/signals.js';

// Google Consent Mode v2 defaults, as a classic script of its own (`dist/consent-mode.js`, npm
// `latchkey/consent-mode`): loaded by `src` before the tag manager's snippet, it makes `dataLayer`, pushes
// `consent default` (every type denied, except the types `data-regions` grants in some regions) and, when this
// browser holds a valid choice, `consent update` with it at once, before any tag can read consent. No inline
// code is needed, so it runs under a strict CSP. Configured on its own tag:
//   <script src="/consent-mode.js" data-wait-for-update="500" data-regions='[{"region":["US-CA"],"granted":["analytics_storage"]}]'></script>

type Regions = { region: string[]; granted: ConsentModeType[] }[];

const tag = document.currentScript as HTMLScriptElement | null;
const page = window as unknown as { dataLayer?: unknown[]; gtag?: (...args: unknown[]) => void };
const layer = (page.dataLayer = Array.isArray(page.dataLayer) ? page.dataLayer : []);
page.gtag ??= function gtag() {
  // gtag.js's own snippet: tags read commands only as Arguments objects.
  layer.push(arguments);
};

const valuesWith = (granted: readonly string[]) =>
  Object.fromEntries(CONSENT_MODE_TYPES.map((type) => [type, granted.includes(type) ? 'granted' : 'denied'])) as Record<ConsentModeType, ConsentModeValue>;

function regions(): Regions {
  try {
    const parsed = JSON.parse(tag?.dataset.regions ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as Regions).filter((entry) => Array.isArray(entry?.region) && Array.isArray(entry.granted)) : [];
  } catch {
    return [];
  }
}

const wait = Number(tag?.dataset.waitForUpdate ?? 500);
pushConsent(layer, 'default', { ...valuesWith([]), wait_for_update: Number.isFinite(wait) && wait >= 0 ? wait : 500 });
for (const { region, granted } of regions()) pushConsent(layer, 'default', { ...valuesWith(granted), region });

// A choice made under an older version of the policy (the cached config says which is live) waits for the
// visitor's new choice: its values may not cover the new purposes.
const choice = readChoice();
const config = readCachedConfig();
if (choice && (!config || (config.policy === choice.policy && config.version === choice.version))) {
  pushConsent(layer, 'update', { ...choice.consent_mode });
}
