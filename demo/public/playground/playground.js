// The theme playground: controls for the design tokens, and a preview of the states gallery in a same-origin
// iframe. The tokens the designer changed become one stylesheet, adopted into the frame's document (no inline
// style: the page and the frame run under the strict CSP), and theme, direction and language are set on the
// frame's root. `?frame=/path` previews another page of this origin instead of the gallery.
import { TOKENS } from './tokens.js';

const form = document.getElementById('controls');
const frame = document.getElementById('frame');
const cssBox = document.querySelector('#css code');
const copyStatus = document.getElementById('copy-status');
const radiusValue = document.getElementById('radius-value');
// By id, not as `form.lang`: a form's own `lang` and `dir` properties would shadow its controls of those names.
const radius = document.getElementById('radius');
const font = document.getElementById('font');
const density = document.getElementById('density');
const lang = document.getElementById('lang');

const defaults = Object.fromEntries(TOKENS.map((token) => [token.name, token.light]));
const GALLERY = '/playground/states.html';

/** The page to preview: `?frame=` when it names a page of this origin, else the states gallery. */
function frameSource() {
  const asked = new URLSearchParams(location.search).get('frame');
  if (!asked) return GALLERY;
  const url = new URL(asked, location.href);
  return url.origin === location.origin ? `${url.pathname}${url.search}` : GALLERY;
}

/** "--latch-color-on-primary" → "On primary". */
function label(name) {
  const words = name.replace('--latch-color-', '').replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One table row per colour token: its light and its dark picker. */
function colourRows() {
  const rows = document.getElementById('colours');
  for (const token of TOKENS.filter((candidate) => candidate.type === 'color')) {
    const row = document.createElement('tr');
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = label(token.name);
    row.append(name);
    for (const theme of ['light', 'dark']) {
      const cell = document.createElement('td');
      const input = document.createElement('input');
      input.type = 'color';
      input.name = theme === 'dark' ? `${token.name}-dark` : token.name;
      input.value = token[theme];
      input.defaultValue = token[theme];
      input.setAttribute('aria-label', `${label(token.name)}, ${theme} theme`);
      input.dataset.token = input.name;
      cell.append(input);
      row.append(cell);
    }
    rows.append(row);
  }
}

/** The tokens that differ from their defaults, as custom property declarations. */
function changedTokens() {
  const changed = [];
  for (const input of form.querySelectorAll('input[data-token]')) {
    if (input.value.toLowerCase() !== input.defaultValue.toLowerCase()) changed.push([input.dataset.token, input.value]);
  }
  if (`${radius.value}rem` !== defaults['--latch-radius']) changed.push(['--latch-radius', `${radius.value}rem`]);
  if (font.value) changed.push(['--latch-font-family', font.value]);
  if (density.value !== defaults['--latch-density']) changed.push(['--latch-density', density.value]);
  return changed;
}

/** The CSS a designer takes away: only the changed tokens, on `:root` (every element reads them from there). */
function tokenCss() {
  const changed = changedTokens();
  if (changed.length === 0) return '/* No token changed yet: the defaults apply. */\n';
  return `:root {\n${changed.map(([name, value]) => `  ${name}: ${value};`).join('\n')}\n}\n`;
}

function choice(name) {
  return form.querySelector(`input[name="${name}"]:checked`).value;
}

/** The frame's stylesheet, made in its own document (an adopted sheet must come from the same document). */
const sheets = new WeakMap();

function sheetFor(doc) {
  let sheet = sheets.get(doc);
  if (!sheet) {
    sheet = new doc.defaultView.CSSStyleSheet();
    sheets.set(doc, sheet);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  }
  return sheet;
}

/** Sets `theme` on each element that has one (every `latch-*` but the social buttons). */
function themeElements(doc, theme) {
  for (const element of doc.querySelectorAll('*')) {
    if (element.localName.startsWith('latch-') && element.localName !== 'latch-social-buttons') element.setAttribute('theme', theme);
  }
}

let observed;

/** Puts the current choices into the frame: the token sheet, and theme, direction and language on its root. */
function applyToFrame() {
  const doc = frame.contentDocument;
  if (!doc?.documentElement) return;
  const theme = choice('theme');
  sheetFor(doc).replaceSync(`${tokenCss()}\n:root { color-scheme: ${theme}; }\n`);
  const root = doc.documentElement;
  root.dataset.theme = theme;
  root.dir = choice('dir');
  root.lang = lang.value;
  themeElements(doc, theme);
  if (observed !== doc) {
    // Elements the gallery adds later (lazy chunks, a step reached) take the theme too.
    observed = doc;
    new MutationObserver(() => themeElements(doc, choice('theme'))).observe(doc.documentElement, { childList: true, subtree: true });
  }
}

function update() {
  radiusValue.value = `${radius.value}rem`;
  cssBox.textContent = tokenCss();
  copyStatus.textContent = '';
  applyToFrame();
}

async function copy() {
  try {
    await navigator.clipboard.writeText(tokenCss());
    copyStatus.textContent = 'Copied.';
  } catch {
    // No clipboard (permission refused): the CSS is selected for the usual copy shortcut.
    getSelection()?.selectAllChildren(cssBox);
    copyStatus.textContent = 'Select and copy the CSS above (it is selected).';
  }
}

function start() {
  colourRows();
  const source = new URL(frameSource(), location.href);
  for (const [name, value] of [
    ['theme', choice('theme')],
    ['dir', choice('dir')],
    ['lang', lang.value],
    ['density', density.value],
  ]) {
    source.searchParams.set(name, value);
  }
  frame.addEventListener('load', applyToFrame);
  frame.src = `${source.pathname}${source.search}`;
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  // A reset restores the inputs after this event: update once it has.
  form.addEventListener('reset', () => setTimeout(update));
  form.addEventListener('submit', (event) => event.preventDefault());
  document.getElementById('copy').addEventListener('click', copy);
  update();
}

start();
