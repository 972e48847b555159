import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LatchErrorCode } from '../client/errors.js';
import type { ErrorContext } from '../translations/error-text.js';
import type { ErrorWords } from '../translations/error-words.js';
import { compileTexts, type Texts } from '../translations/format.js';
import { network } from '../translations/locales/en/network.js';
import {
  bestLocale,
  directionOf,
  isLoaded,
  loadTranslation,
  lookup,
  onTranslationsChanged,
  type EnglishSections,
  type SectionName,
} from '../translations/translation.js';

type Host = ReactiveControllerHost & HTMLElement;

const controllers = new Set<LocaleController>();
let watching = false;
/** Every error's English, once the client's code has brought it (see {@link provideErrorWords}). */
let errorWords: ErrorWords | undefined;

function refreshAll(): void {
  for (const controller of controllers) controller.refresh();
}

/** One observer for the page: any `lang` or `dir` change, the browser's languages, a locale arriving. */
function watch(): void {
  if (watching) return;
  watching = true;
  new MutationObserver(refreshAll).observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['lang', 'dir'] });
  addEventListener('languagechange', refreshAll);
  onTranslationsChanged(refreshAll);
}

/** Hands every element the words of every error, which come with the client's code; elements redraw. */
export function provideErrorWords(words: ErrorWords): void {
  if (errorWords) return;
  errorWords = words;
  refreshAll();
}

/** The element's parent, across shadow roots (an element inside another's shadow follows that one's language). */
function parentOf(element: Element): Element | null {
  return element.parentElement ?? ((element.getRootNode() as ShadowRoot).host || null);
}

/** The nearest non-empty `lang`, and whether the page set `dir` at or below that element. */
function pageLanguage(host: Element): { lang: string | undefined; pageDir: boolean } {
  for (let element: Element | null = host; element; element = parentOf(element)) {
    if (element.hasAttribute('dir')) return { lang: element.closest('[lang]')?.getAttribute('lang') || undefined, pageDir: true };
    const lang = element.getAttribute('lang');
    if (lang) return { lang, pageDir: false };
  }
  return { lang: undefined, pageDir: false };
}

/**
 * An element's language: the nearest `lang` (followed when it changes anywhere up the page), else the best
 * of the browser's languages, else English. A locale not yet fetched is loaded, and until it arrives the
 * element keeps the words it shows (English at first), never blank. The text direction follows the locale,
 * unless the page set `dir` on the element or between it and its `lang`.
 */
export class LocaleController implements ReactiveController {
  /** The locale whose words are shown (a loader key: `de`, `zh-hant`, `en`). */
  key = 'en';
  /** The tag numbers, dates and plurals are formatted by (`de-AT` for a page in Austrian German). */
  lang = 'en';
  /** The tag the page asks for (its `lang`, else the browser's best), even before that locale's words arrive. */
  requested = 'en';
  /** The direction to set on the element's card; `undefined` where the page set `dir` itself. */
  dir: 'ltr' | 'rtl' | undefined = 'ltr';
  private compiled = new Map<object, unknown>();

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    controllers.add(this);
    watch();
    this.refresh();
  }

  hostDisconnected(): void {
    controllers.delete(this);
  }

  /** Looks again at the page's language, and redraws: a locale arriving or registered may change any text. */
  refresh(): void {
    const page = pageLanguage(this.host);
    const wanted = bestLocale(page.lang ? [page.lang] : navigator.languages);
    this.requested = wanted.format;
    if (isLoaded(wanted.key)) {
      this.key = wanted.key;
      this.lang = wanted.format;
    } else {
      // Until it arrives (which refreshes every element) the element keeps the words it shows, as after a failed fetch.
      loadTranslation(wanted.key).catch(() => undefined);
    }
    this.dir = page.pageDir ? undefined : directionOf(this.key);
    this.compiled.clear();
    this.host.requestUpdate();
  }

  /** A section's words in the element's language, ready to read (English where the locale has no key). */
  texts<N extends SectionName>(section: N, english: EnglishSections[N]): Texts<EnglishSections[N]> {
    let texts = this.compiled.get(english) as Texts<EnglishSections[N]> | undefined;
    if (!texts) {
      const shape = english as unknown as Record<string, string>;
      texts = compileTexts(this.lang, english, (name) => lookup(this.key, section, name) ?? (shape[name] as string));
      this.compiled.set(english, texts);
    }
    return texts;
  }

  /**
   * An error's message in the element's language (empty for the silent abort). Until the client's code has
   * brought every error's words, the only error there can be is that it failed to load (`LATCH_NETWORK`).
   */
  error(code: LatchErrorCode, context?: ErrorContext): string {
    if (!errorWords) return code in network ? this.texts('errors', network as EnglishSections['errors'])[code] : '';
    const { errors, errorCounts, text } = errorWords;
    return text({ errors: this.texts('errors', errors), errorCounts: this.texts('errorCounts', errorCounts) }, code, context);
  }
}
