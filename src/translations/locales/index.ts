import type { Translation } from '../translation.js';

/**
 * Every locale besides English, each a chunk of its own fetched the first time a page uses it. Keys are
 * lowercase BCP 47 tags (a language, or language-script such as `zh-hant` where the script matters).
 * Adding a locale: its file here, and one line below (see README.md in this folder).
 */
export const locales: Readonly<Record<string, () => Promise<{ default: Translation }>>> = {
  ar: () => import('./ar.js'),
  cs: () => import('./cs.js'),
  da: () => import('./da.js'),
  de: () => import('./de.js'),
  es: () => import('./es.js'),
  fa: () => import('./fa.js'),
  fi: () => import('./fi.js'),
  fr: () => import('./fr.js'),
  he: () => import('./he.js'),
  hi: () => import('./hi.js'),
  id: () => import('./id.js'),
  it: () => import('./it.js'),
  ja: () => import('./ja.js'),
  ko: () => import('./ko.js'),
  nb: () => import('./nb.js'),
  nl: () => import('./nl.js'),
  no: () => import('./nb.js'), // most Norwegian pages say lang="no"; Bokmål is how most Norwegian is written
  pl: () => import('./pl.js'),
  pt: () => import('./pt-br.js'), // CLDR's pt is Brazilian: pt and pt-PT read pt-br until a pt-pt exists
  'pt-br': () => import('./pt-br.js'),
  ru: () => import('./ru.js'),
  sv: () => import('./sv.js'),
  th: () => import('./th.js'),
  tr: () => import('./tr.js'),
  uk: () => import('./uk.js'),
  vi: () => import('./vi.js'),
  'zh-hans': () => import('./zh-hans.js'),
  'zh-hant': () => import('./zh-hant.js'),
};
