import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * Collapses whitespace inside the Lit `css` templates of style modules (`*.styles.ts`, `*.tokens.ts`, `src/themes/`):
 * they hold no backticks, CSS needs no runs of spaces, and indentation is much of their weight.
 */
function minifyCssTemplates(): Plugin {
  return {
    name: 'latchkey:minify-css-templates',
    transform(code, id) {
      if (!/\/src\/(themes\/.*|.*\.(styles|tokens))\.ts$/.test(id)) return undefined;
      const replaced = code.replace(/css`([^`]*)`/g, (_, body: string) => {
        const compact = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          // After a colon only: a space before one is a descendant combinator (`.a :focus`).
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${compact}\``;
      });
      // Style modules hold nothing but these templates, so there is no code whose mapping could drift.
      return { code: replaced, map: null };
    },
  };
}

/**
 * The classic script cannot split into chunks, so it would carry every locale. Instead its locale loaders
 * fetch the chunks the `--mode script` build wrote before it (standalone ES modules, which `import()` loads
 * from a classic script too), next to the script's own address.
 */
function classicLocales(): Plugin {
  return {
    name: 'latchkey:classic-locales',
    transform(code, id) {
      // The script's address is known only while it first runs, which is when the list of tags (needed
      // before the form) is evaluated; the map of loaders is evaluated later, when a page first wants a locale.
      if (id.endsWith('/src/translations/locales/tags.ts')) {
        return { code: `${code}\nexport const LATCHKEY_SCRIPT = document.currentScript?.src ?? location.href;\n`, map: null };
      }
      if (!id.endsWith('/src/translations/locales/index.ts')) return undefined;
      const chunks = readdirSync('dist/chunks');
      const replaced = code.replace(/import\((['"`])\.\/([\w-]+)\.js\1\)/g, (_, quote: string, tag: string) => {
        const file = chunks.find((name) => new RegExp(`^${tag}-[\\w-]{8}\\.js$`).test(name));
        if (!file) throw new Error(`no dist/chunks/${tag}-*.js: the script build runs before the classic one`);
        return `import(new URL(${quote}chunks/${file}${quote}, LATCHKEY_SCRIPT).href)`;
      });
      return { code: `import { LATCHKEY_SCRIPT } from './tags.js';\n${replaced}`, map: null };
    },
  };
}

/**
 * The script tag's files put the experiments' draw code in with the form (src/controllers/draw-loader.bundled.ts
 * in place of draw-loader.ts): a form with experiments then fetches no chunk before it is drawn (issue 15). The npm
 * entries keep it a chunk of its own, so an app's bundle carries none of it before its form.
 */
function bundledDraw(): Plugin {
  return {
    name: 'latchkey:bundled-draw',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== './draw-loader.js' || !importer?.endsWith('/src/controllers/experiments.controller.ts')) return undefined;
      return fileURLToPath(new URL('./src/controllers/draw-loader.bundled.ts', import.meta.url));
    },
  };
}

/**
 * Three builds, run in this order by `npm run build` (the first empties dist/):
 * - default: the npm entries (`latchkey`, `latchkey/elements`, `latchkey/client`, `latchkey/protocol`,
 *   `latchkey/login` and the per-element entries under dist/components/), one ES module per source module
 *   with dependencies left to the app's bundler;
 * - `--mode script`: `dist/latchkey.js`, one self-contained ES module for `<script type="module">`;
 * - `--mode classic`: `dist/latchkey.iife.js`, the same as a classic script for tag managers;
 * - `--mode consent-mode`: `dist/consent-mode.js`, the Consent Mode v2 defaults, loaded before the tag manager.
 */
/**
 * Modules that only the lazily loaded client uses (see `loadClient` in client-loader.ts), and the sign-in's
 * side jobs that begin only once it has loaded (`LateParts`: the passkey offer, the redirect URI page,
 * cross-tab sync) and the views of its steps after the first (login-steps.ts, with the one-time-code input),
 * the popup callback's relay (fetched on a callback page only, see
 * popup-callback-loader.ts) and the watcher that defines the lazy elements on first sight (started once the
 * first frame is painted, see script.ts), which thus come in the same file instead of before the form.
 */
const CLIENT_CHUNK =
  /\/src\/(protocol\/(?!passkey-registration|account|consent|devices)|client\/(client|storage|branding|context|discovery|transaction|completion|passkeys|ceremony-result|session|redirect|step-up-wiring|challenge|transport|webauthn|pkce|return-to|redirect-store|step-up|session-channel|last-used)\.ts|controllers\/(passkey-offer\.controller|passkey-nudge|redirect-callback\.controller|session-sync\.controller|account-steps\.controller|last-used|passkey-cue)\.ts|components\/(login\/(login-(parts|steps)|account-steps|last-used-badge|passkey-cue)|form\/code-input)\.ts|popup-callback\.ts|client\/(popup-channel|tab-storage|error-codes|analytics-listeners)\.ts|analytics\/(tracker|delivery|events|visitor|consent-gate|view-handoff|sinks\/[\w-]+)\.ts|events\/analytics\.ts|elements\/[\w-]+\.ts|translations\/(error-words|error-text|config-detail|locales\/en\/errors)\.ts)|\/node_modules\/(zod|idb-keyval)\/|\/@simplewebauthn\/browser\/(?!.*(startRegistration|identifyRegistrationError))/;

/**
 * Modules both the entry and the lazily loaded elements use (rolldown#10731 otherwise scatters them: the
 * surface and reflow styles, `adopt`, `focus` and the light-form controller once went to a third file before the
 * form, one more request; `npm run test:bundle` now fails on that). The
 * session watcher's events are its chunk's alone (and the consent event the consent chunks', the privacy center's `latch-account-deleted` its own); of the locales only the sign-in's English is shared, the
 * lazy elements' English comes with them and every other locale is a chunk of its own. The device id is here
 * too: a form with experiments reads it (from its localStorage mirror) before its first draw; the preference store
 * (IndexedDB) comes with the client, which keeps a copy of it (src/client/device-id.ts).
 */
const ENTRY_SHARED =
  /\/node_modules\/(lit|lit-html|lit-element|@lit)\/|\/src\/(events\/(?!session\.ts|consent\.ts|account-deleted\.ts|analytics\.ts)|translations\/(?!locales\/|error-|config-)|translations\/locales\/(tags|en\/(login|social|network))\.ts|controllers\/(locale\.controller|client-loader|focus|light-form\.controller)\.ts|styles\/(visually-hidden\.styles|surface\.styles|reflow\.styles|adopt)\.ts|themes\/)|\/src\/client\/(errors|lazy|device-id|random-id)\.ts/;

export default defineConfig(({ mode }) => {
  // `--mode consent-mode`: dist/consent-mode.js, the Consent Mode defaults as a tiny classic script (no imports).
  const consentMode = mode === 'consent-mode';
  const selfContained = mode === 'script' || mode === 'classic' || consentMode;
  return {
    plugins: [minifyCssTemplates(), ...(mode === 'script' || mode === 'classic' ? [bundledDraw()] : []), ...(mode === 'classic' ? [classicLocales()] : [])],
    // tldts's own minified build (50 kB gzip): minifying its ES modules here inlines the Public Suffix List's
    // 69 kB label string at each of its uses, which more than doubles the site identity's chunk.
    resolve: selfContained ? { alias: [{ find: /^tldts$/, replacement: 'tldts/dist/index.esm.min.js' }] } : {},
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: !selfContained,
      sourcemap: true,
      minify: true,
      lib: consentMode
        ? { entry: 'src/consent-mode.ts', name: 'LatchkeyConsentMode', formats: ['iife'], fileName: () => 'consent-mode.js' }
        : selfContained
        ? {
            entry: 'src/script.ts',
            name: 'Latchkey',
            formats: [mode === 'script' ? 'es' : 'iife'],
            fileName: () => (mode === 'script' ? 'latchkey.js' : 'latchkey.iife.js'),
          }
        : {
            entry: {
              define: 'src/define.ts',
              elements: 'src/index.ts',
              client: 'src/client/index.ts',
              protocol: 'src/protocol/index.ts',
              // `latchkey/openfeature`: types only from the SDK, so no vendor code in any file.
              openfeature: 'src/openfeature/index.ts',
            },
            formats: ['es'],
          },
      rolldownOptions: selfContained
        ? {
            // Library mode keeps whitespace in ES output; the script-tag files are for browsers only.
            output: {
              minify: true,
              chunkFileNames: 'chunks/[name]-[hash].js',
              // The client and everything only it needs travel as one file, fetched right after the form
              // is drawn; passkey creation and the token exchange stay in their own on-demand chunks.
              codeSplitting:
                mode === 'script'
                  ? {
                      // Modules the form itself imports (errors, lazy loading) must stay in the entry.
                      includeDependenciesRecursively: false,
                      // <latch-step-up> becomes its own chunk through its dynamic import (no group: a group
                      // would need a module namespace helper shared between chunks, splitting the entry).
                      groups: [
                        { name: (id: string) => (CLIENT_CHUNK.test(id) ? 'client' : null) },
                        { name: (id: string) => (ENTRY_SHARED.test(id) ? 'shared' : null) },
                        // The stored choice and the Consent Mode types, one file for the banner and the consent API.
                        { name: (id: string) => (/\/src\/(consent\/choice|protocol\/consent-mode-types)\.ts$/.test(id) ? 'choice' : null) },
                      ],
                    }
                  : false,
            },
            // Let shared code stay in the entry, so the page loads one file before the form.
            preserveEntrySignatures: 'allow-extension' as const,
            // @simplewebauthn/browser declares no `sideEffects`; its modules only define functions, so
            // the parts a page never calls (passkey creation, until it is needed) can stay out.
            treeshake: {
              moduleSideEffects: (id: string) => (id.includes('/@simplewebauthn/browser/') ? false : undefined),
            },
          }
        : {
            external: [/^lit/, /^@simplewebauthn\//, /^zod/, /^@openfeature\//, 'idb-keyval', 'oauth4webapi', 'uqr', 'tldts'],
            // One file per source module, as the source is laid out: the app's bundler sees the same import
            // graph as src/ (every lazy element and the client behind their own import()), and `sideEffects`
            // in package.json can name the few modules that register a tag.
            output: { preserveModules: true, preserveModulesRoot: 'src' },
          },
    },
  };
});
