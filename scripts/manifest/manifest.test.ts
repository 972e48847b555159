import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CustomElementDeclaration } from 'custom-elements-manifest/schema';
import { analyze } from './analyze.js';
import { eventClasses } from './event-types.js';
import { elementsOf, reactTypings, vueTypings } from './typings.js';

// The manifest against the source it describes: every registered tag, every `latch-*` event class and
// every backend attribute must be in it, typed, or the IDE data and framework typings made from it lack them.

const manifest = analyze();
const elements = manifest.modules.flatMap((m) => (m.declarations ?? []) as CustomElementDeclaration[]).filter((d) => d.customElement);

/** Tags the source registers with `customElements.define('latch-…', …)`. */
function definedTags(dir = 'src/components'): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/customElements\.define\('(latch-[\w-]+)'/g)].map((m) => m[1]!));
}

describe('custom-elements.json', () => {
  it('lists every element the source registers, with its tag', () => {
    const tags = definedTags();
    assert.ok(tags.length >= 6, `found only ${tags.length} tags`);
    assert.deepEqual(elements.map((e) => e.tagName).sort(), [...new Set(tags)].sort());
  });

  it('lists every latch-* event of src/events on an element, typed with its event class', () => {
    const listed = new Map(elements.flatMap((e) => (e.events ?? []).map((v) => [v.name, v.type?.text] as const)));
    for (const [name, { name: className }] of eventClasses('src/events')) assert.equal(listed.get(name), className, `${name} is missing or untyped`);
  });

  it('types every event it lists with a class of src/events', () => {
    const classes = new Set([...eventClasses('src/events').values()].map((c) => c.name));
    for (const element of elements) for (const event of element.events ?? []) assert.ok(classes.has(event.type?.text ?? ''), `${element.tagName} ${event.name}`);
  });

  it('gives the attributes shared through ...BACKEND_PROPERTIES to every element that spreads them', () => {
    for (const element of elements) {
      const attributes = (element.attributes ?? []).map((a) => a.name);
      assert.ok(attributes.includes('issuer') && attributes.includes('client-id'), `${element.tagName}: ${attributes.join(', ')}`);
      assert.ok(!attributes.includes('client'), `${element.tagName}: client is a property only (attribute: false)`);
    }
  });

  it('documents every element: summary, events, and at least one part', () => {
    for (const element of elements) {
      assert.ok(element.summary, `${element.tagName} has no @summary`);
      assert.ok(element.cssParts?.length, `${element.tagName} has no @csspart`);
    }
  });
});

describe('framework typings', () => {
  const api = elementsOf(manifest);

  it('hands React 19 listeners each event under its own name with its class', () => {
    assert.match(reactTypings(api, 'x'), /'onlatch-signed-in'\?: \(event: LatchSignedInEvent\) => void;/);
    assert.match(reactTypings(api, 'x'), /'client-id'\?: LatchLogin\['clientId'\];/);
  });

  it('gives Vue templates a typed listener per event, under the prop name Vue compiles @latch-… to', () => {
    assert.match(vueTypings(api, 'x'), /export interface LatchSessionTimeoutProps \{[^]*?onLatchSessionEnded\?: \(event: LatchSessionEndedEvent\) => void;/);
  });
});
