import { literal, privateName, publicName, type Token, type TokenSet } from './build.js';

// The three files written from the tokens: each a pure function of the token set.

const HEADER = '// Generated from src/themes/tokens.json by `npm run tokens`: do not edit by hand.';

const declare = (lines: string[]): string => lines.map((line) => `  ${line}`).join('\n');

/** A Lit `css` fragment of declarations, with its doc line. */
function fragment(name: string, doc: string, lines: string[]): string {
  return `/** ${doc} */\nexport const ${name} = css\`\n${declare(lines)}\n\`;\n`;
}

const camel = (name: string): string => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** src/themes/palette.ts: the fragments every element's styles declare its private `--_*` copies with. */
export function paletteModule(set: TokenSet): string {
  const globals = set.globals;
  const colours = globals.filter((token) => token.extension.dark !== undefined);
  const light = [...globals.map((token) => `${privateName(token)}: ${set.expression(token)};`), 'color-scheme: light;'];
  const dark = [...colours.map((token) => `${privateName(token)}: ${set.expression(token, 'dark')};`), 'color-scheme: dark;'];
  const forced = globals.filter((token) => token.extension.forced).map((token) => `${privateName(token)}: ${token.extension.forced};`);
  const reduced = globals
    .filter((token) => token.extension.reduced !== undefined)
    .map((token) => `${privateName(token)}: ${literal(token.type, token.extension.reduced)};`);
  const parts = [
    HEADER,
    "import { css } from 'lit';\n",
    fragment('light', 'The global tokens with their light values, and the sizes: what every themed element declares.', light),
    fragment('dark', "The colours' dark values (`--latch-color-*-dark`), for `theme=\"dark\"` and the system preference.", dark),
    fragment('forcedColors', 'System colours under `forced-colors: active` (Windows High Contrast): the user\'s palette wins.', forced),
    fragment('reducedMotion', 'Durations under `prefers-reduced-motion: reduce`.', reduced),
  ];
  for (const [group, tokens] of set.tiers) if (!tokens[0]!.module) parts.push(tierFragment(set, group, tokens));
  return parts.join('\n');
}

function tierFragment(set: TokenSet, group: string, tokens: Token[]): string {
  const elements = tokens[0]!.elements!.map((element) => `\`<${element}>\``).join(', ');
  const lines = tokens.map((token) => `${privateName(token)}: ${set.expression(token)};`);
  return fragment(`${camel(group)}Tokens`, `The element tier \`--latch-${group}-*\` of ${elements}, defaulting to the globals.`, lines);
}

/** The element tiers with a `module` of their own: path → that module's text (one tier each). */
export function tierModules(set: TokenSet): Record<string, string> {
  const modules: Record<string, string> = {};
  for (const [group, tokens] of set.tiers) {
    const path = tokens[0]!.module;
    if (path) modules[path] = [HEADER, "import { css } from 'lit';\n", tierFragment(set, group, tokens)].join('\n');
  }
  return modules;
}

const cell = (text: string): string => text.replaceAll('|', '\\|');

function globalRow(set: TokenSet, token: Token): string {
  const dark = token.extension.dark ? `\`${token.extension.dark}\` (\`${publicName(token)}-dark\`)` : '—';
  const notes = [token.extension.density ? '× density' : '', token.extension.forced ? `forced colours: \`${token.extension.forced}\`` : '']
    .filter(Boolean)
    .join('; ');
  return `| \`${publicName(token)}\` | \`${cell(set.shown(token))}\` | ${dark} | ${cell(token.description)}${notes ? ` (${notes})` : ''} |`;
}

/** The token reference of docs/theming.md: globals, then each element tier. */
export function referenceTable(set: TokenSet): string {
  const lines = ['### Global tokens', '', '| Token | Light (default) | Dark | What it styles |', '|---|---|---|---|'];
  lines.push(...set.globals.map((token) => globalRow(set, token)));
  for (const [group, tokens] of set.tiers) {
    const elements = tokens[0]!.elements!.map((element) => `\`<${element}>\``).join(', ');
    lines.push('', `### \`--latch-${group}-*\` (${elements})`, '', '| Token | Default | What it styles |', '|---|---|---|');
    lines.push(...tokens.map((token) => `| \`${publicName(token)}\` | \`${cell(set.shown(token))}\` | ${cell(token.description)} |`));
  }
  return lines.join('\n');
}

/** demo/public/playground/tokens.js: the global tokens' names and defaults, for the playground's controls. */
export function playgroundDefaults(set: TokenSet): string {
  const entries = set.globals.map((token) => ({
    name: publicName(token),
    type: token.type,
    light: set.target(token) ? set.shown(token) : literal(token.type, token.value),
    ...(token.extension.dark ? { dark: token.extension.dark } : {}),
  }));
  return `${HEADER}\n/** The global tokens: name, DTCG type, light default and, for colours, the dark default. */\nexport const TOKENS = ${JSON.stringify(entries, null, 2)};\n`;
}

const START = '<!-- tokens:start (generated by `npm run tokens` from src/themes/tokens.json) -->';
const END = '<!-- tokens:end -->';

/** Puts the table between the markers of a Markdown document (the rest is written by hand). */
export function withTable(markdown: string, table: string): string {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error(`tokens: the document has no "${START}" … "${END}" markers`);
  return `${markdown.slice(0, start + START.length)}\n\n${table}\n\n${markdown.slice(end)}`;
}
