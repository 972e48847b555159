import type { Translation } from '../translation.js';

/**
 * Every locale besides English, each a chunk of its own fetched the first time a page uses it. Keys are
 * lowercase BCP 47 tags (a language, or language-script such as `zh-hant` where the script matters).
 * Adding a locale: its file here, and one line below (see README.md in this folder).
 */
export const locales: Readonly<Record<string, () => Promise<{ default: Translation }>>> = {
  ar: () => import('./ar.js'),
  de: () => import('./de.js'),
  fa: () => import('./fa.js'),
  he: () => import('./he.js'),
  hi: () => import('./hi.js'),
  id: () => import('./id.js'),
  ja: () => import('./ja.js'),
  ko: () => import('./ko.js'),
  ru: () => import('./ru.js'),
  th: () => import('./th.js'),
  uk: () => import('./uk.js'),
  vi: () => import('./vi.js'),
  'zh-hans': () => import('./zh-hans.js'),
  'zh-hant': () => import('./zh-hant.js'),
};
