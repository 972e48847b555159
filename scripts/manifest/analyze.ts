import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Package } from 'custom-elements-manifest/schema';
import { create, litPlugin, ts } from './analyzer.js';
import { eventTypesPlugin } from './event-types.js';
import { litSpreadPropertiesPlugin } from './lit-spread-properties.js';

/**
 * The modules the manifest describes: each element's class (`<name>.component.ts`, whose JSDoc documents
 * it), a base class elements share (`<name>-element.ts`, whose members they inherit), and the module that
 * registers its tag (`customElements.define`), which gives the class its tag name.
 */
export function elementModules(components = 'src/components'): string[] {
  return readdirSync(components)
    .flatMap((folder) => readdirSync(join(components, folder)).map((file) => join(components, folder, file)))
    .filter((path) => path.endsWith('.component.ts') || path.endsWith('-element.ts') || (path.endsWith('.ts') && readFileSync(path, 'utf8').includes('customElements.define(')))
    .sort();
}

/** The Custom Elements Manifest of Latchkey's elements, made by the analyzer in Lit mode. */
export function analyze(): Package {
  const modules = elementModules().map((path) => ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true));
  const manifest = create({ modules, plugins: [...litPlugin(), litSpreadPropertiesPlugin(), eventTypesPlugin('src/events')] });
  // The analyzer writes 1.0.0; what it writes is in the 2.1 schema, whose types (custom-elements-manifest
  // 2.1.0) this module and the typings generator are checked against.
  return { ...baseClassesAsClasses(manifest), schemaVersion: '2.1.0' };
}

/**
 * A shared base class (it extends LitElement, so the analyzer takes it for an element) registers no tag: it is
 * described as a plain class, whose members the elements list as inherited.
 */
function baseClassesAsClasses(manifest: Package): Package {
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if ('customElement' in declaration && !('tagName' in declaration && declaration.tagName)) delete (declaration as { customElement?: boolean }).customElement;
    }
  }
  return manifest;
}
