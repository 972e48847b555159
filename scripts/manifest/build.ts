import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateJetBrainsWebTypes } from 'custom-element-jet-brains-integration';
import { generateVsCodeCustomElementData } from 'custom-element-vs-code-integration';
import { analyze } from './analyze.js';
import { elementsOf, reactTypings, svelteTypings, vueTypings } from './typings.js';

// `npm run build`'s last step: the Custom Elements Manifest of the elements and everything made from it
// (nothing here is written twice by hand):
// - dist/custom-elements.json (package.json `customElements`);
// - dist/vscode.html-custom-data.json and dist/vscode.css-custom-data.json (VS Code custom data);
// - dist/web-types.json (JetBrains IDEs; package.json `web-types`);
// - dist/frameworks/{react,vue,svelte}.d.ts (`latchkey/react`, `latchkey/vue`, `latchkey/svelte`), typed
//   against the element and event classes of dist/types (the `latchkey/elements` declarations), and an
//   empty types-only.js as those entries' `default`.

const out = process.argv[2] ?? 'dist';
const manifest = analyze();
mkdirSync(join(out, 'frameworks'), { recursive: true });
writeFileSync(join(out, 'custom-elements.json'), `${JSON.stringify(manifest, null, 2)}\n`);

const ide = { outdir: out, hideLogs: true, descriptionSrc: 'description' } as const;
// The integrations type the manifest with their own copy of the schema's (1.0) types.
const data = manifest as Parameters<typeof generateVsCodeCustomElementData>[0];
generateVsCodeCustomElementData(data, { ...ide, htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json' });
generateJetBrainsWebTypes(data, { ...ide, webTypesFileName: 'web-types.json', packageJson: false });

const elements = elementsOf(manifest);
const types = '../types/index.js';
writeFileSync(join(out, 'frameworks', 'react.d.ts'), reactTypings(elements, types));
writeFileSync(join(out, 'frameworks', 'vue.d.ts'), vueTypings(elements, types));
writeFileSync(join(out, 'frameworks', 'svelte.d.ts'), svelteTypings(elements, types));
// The typings entries' runtime half: importing `latchkey/react` (for its types) must not fail in a bundler.
writeFileSync(join(out, 'frameworks', 'types-only.js'), '// Typings only: see react.d.ts, vue.d.ts and svelte.d.ts beside this file.\nexport {};\n');
console.log(`manifest: ${elements.length} elements, ${elements.reduce((n, e) => n + e.events.length, 0)} events → ${out}/custom-elements.json and its IDE data and typings`);
