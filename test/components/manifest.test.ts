import { expect } from '@open-wc/testing';
import type { CustomElementDeclaration, Package } from 'custom-elements-manifest/schema';
import type { LitElement } from 'lit';
import { LatchConsentBanner, LatchDevices, LatchLogin, LatchPasskeys, LatchPrivacy, LatchSecurity, LatchSessionTimeout, LatchSocialButtons, LatchTrustPanel } from '../../src/index.js';
import { LatchStepUp } from '../../src/components/step-up/step-up.component.js';

// The built manifest (dist/custom-elements.json, `npm run build`) against what Lit itself observes at run
// time: the attributes IDEs and framework typings offer are exactly those the elements react to.

const classes: Record<string, typeof LitElement> = { LatchConsentBanner, LatchDevices, LatchLogin, LatchPasskeys, LatchPrivacy, LatchSecurity, LatchSessionTimeout, LatchSocialButtons, LatchStepUp, LatchTrustPanel };

/** The attributes the browser reports to a class's `attributeChangedCallback`, as Lit derives them from `static properties`. */
const observedAttributes = (element: typeof LitElement): string[] => [...element.observedAttributes].sort();

describe('custom-elements.json', () => {
  it('lists, for every element, exactly the attributes Lit observes', async () => {
    const manifest = (await (await fetch('/dist/custom-elements.json')).json()) as Package;
    const elements = manifest.modules.flatMap((m) => (m.declarations ?? []) as CustomElementDeclaration[]).filter((d) => d.customElement);
    expect(elements.map((e) => e.name).sort()).to.deep.equal(Object.keys(classes).sort());
    for (const element of elements) {
      const listed = (element.attributes ?? []).map((a) => a.name).sort();
      expect(listed, element.tagName).to.deep.equal(observedAttributes(classes[element.name]!));
    }
  });
});
