import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseTokens, TokenSet } from './tokens/build.js';
import { paletteModule, playgroundDefaults, referenceTable, tierModules, withTable } from './tokens/emit.js';

// `npm run tokens` writes, from src/themes/tokens.json, src/themes/palette.ts, the token table of docs/theming.md
// and the playground's defaults. `--check` (part of `npm test`) writes nothing and fails when any is out of date.

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string): string => readFileSync(`${root}${path}`, 'utf8');

const set = new TokenSet(parseTokens(JSON.parse(read('src/themes/tokens.json')) as Record<string, unknown>));
const outputs: Record<string, string> = {
  'src/themes/palette.ts': paletteModule(set),
  'docs/theming.md': withTable(read('docs/theming.md'), referenceTable(set)),
  'demo/public/playground/tokens.js': playgroundDefaults(set),
  ...tierModules(set),
};

const check = process.argv.includes('--check');
const stale = Object.keys(outputs).filter((path) => {
  let current = '';
  try {
    current = read(path);
  } catch {
    // Not written yet.
  }
  return current !== outputs[path];
});
if (check) {
  for (const path of stale) console.error(`tokens: ${path} is out of date with src/themes/tokens.json; run npm run tokens`);
  console.log(`tokens: ${Object.keys(outputs).length - stale.length} up to date, ${stale.length} stale`);
  process.exit(stale.length ? 1 : 0);
}
for (const path of stale) writeFileSync(`${root}${path}`, outputs[path]!);
console.log(`tokens: ${set.tokens.length} tokens; wrote ${stale.length ? stale.join(', ') : 'nothing (up to date)'}`);
