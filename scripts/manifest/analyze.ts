import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Package } from 'custom-elements-manifest/schema';
import { create, litPlugin, ts } from './analyzer.js';
import { eventTypesPlugin } from './event-types.js';
import { litSpreadPropertiesPlugin } from './lit-spread-properties.js';

/**
 * The modules the manifest describes: each element's class (`<name>.component.ts`, whose JSDoc documents
 * it) and the module that registers its tag (`customElements.define`), which gives the class its tag name.
 */
export function elementModules(components = 'src/components'): string[] {
  return readdirSync(components)
    .flatMap((folder) => readdirSync(join(components, folder)).map((file) => join(components, folder, file)))
    .filter((path) => path.endsWith('.component.ts') || (path.endsWith('.ts') && readFileSync(path, 'utf8').includes('customElements.define(')))
    .sort();
}

/** The Custom Elements Manifest of Latchkey's elements, made by the analyzer in Lit mode. */
export function analyze(): Package {
  const modules = elementModules().map((path) => ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true));
  const manifest = create({ modules, plugins: [...litPlugin(), litSpreadPropertiesPlugin(), eventTypesPlugin('src/events')] });
  // The analyzer writes 1.0.0; what it writes is in the 2.1 schema, whose types (custom-elements-manifest
  // 2.1.0) this module and the typings generator are checked against.
  return { ...manifest, schemaVersion: '2.1.0' };
}
