import type { Message, Texts } from './format.js';
import type { errorCounts, errors } from './locales/en/errors.js';
import type { factor } from './locales/en/factor.js';
import type { login } from './locales/en/login.js';
import type { loginSteps } from './locales/en/login-steps.js';
import type { passkeys } from './locales/en/passkeys.js';
import type { privacy } from './locales/en/privacy.js';
import type { devices } from './locales/en/devices.js';
import type { security } from './locales/en/security.js';
import type { session } from './locales/en/session.js';
import type { consent } from './locales/en/consent.js';
import type { social } from './locales/en/social.js';
import type { stepUp } from './locales/en/step-up.js';
import type { trust } from './locales/en/trust.js';
import { shippedTags } from './locales/tags.js';

/** The English sections, one per element (plus the error messages): the reference every locale follows. */
export interface EnglishSections {
  login: typeof login;
  loginSteps: typeof loginSteps;
  social: typeof social;
  errors: typeof errors;
  errorCounts: typeof errorCounts;
  factor: typeof factor;
  stepUp: typeof stepUp;
  passkeys: typeof passkeys;
  security: typeof security;
  privacy: typeof privacy;
  session: typeof session;
  consent: typeof consent;
  devices: typeof devices;
  trust: typeof trust;
}

/** A section's name: `login`, `factor`, `errors`, … */
export type SectionName = keyof EnglishSections;

/**
 * One locale: every section with every key of English, each a {@link Message} (a string or, where the
 * wording depends on `{count}`, a plural), and its text direction. See `locales/README.md`.
 */
export type Translation = { readonly $dir: 'ltr' | 'rtl' } & {
  readonly [N in SectionName]: { readonly [K in keyof EnglishSections[N]]: Message };
};

/** Part of a locale: a site's own wording for some keys, or a locale still being written (the rest is English). */
export type PartialTranslation = { readonly $dir?: 'ltr' | 'rtl' } & {
  readonly [N in SectionName]?: { readonly [K in keyof EnglishSections[N]]?: Message };
};

/** Loads a locale's words, e.g. `() => import('./xx.js')` or a `fetch` of JSON. */
export type TranslationLoader = () => Promise<PartialTranslation | { default: PartialTranslation }>;

/** The site's own locales and wording (`registerTranslation`), above the shipped locales. */
const registered = new Map<string, PartialTranslation>();
/** Shipped locales that have arrived, and the site's loaders that have answered. */
const loaded = new Map<string, PartialTranslation>();
const siteLoaders = new Map<string, TranslationLoader>();
const pending = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever a locale arrives or is registered; returns the unsubscribe. */
export function onTranslationsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Adds or changes a locale's words: a whole locale, or just some keys for a site's own wording (merged over
 * what is there, the rest falls back to the shipped locale, then English); or a loader, called the first
 * time a page uses the locale. Elements on the page re-render.
 */
export function registerTranslation(tag: string, translation: PartialTranslation | TranslationLoader): void {
  const key = tag.toLowerCase();
  if (typeof translation === 'function') {
    siteLoaders.set(key, translation);
    loaded.delete(key);
    pending.delete(key);
  } else {
    const before = registered.get(key) ?? {};
    const merged: Record<string, unknown> = { ...before, ...translation };
    for (const name of Object.keys(translation) as Array<keyof PartialTranslation>) {
      if (name !== '$dir') merged[name] = { ...before[name], ...translation[name] };
    }
    registered.set(key, merged as PartialTranslation);
  }
  changed();
}

/** A shipped locale's loader: its chunk, after the map of every locale's chunk (fetched the first time). */
const shipped = (key: string): TranslationLoader => () => import('./locales/index.js').then(({ locales }) => (locales[key] as TranslationLoader)());

function loaderOf(key: string): TranslationLoader | undefined {
  return siteLoaders.get(key) ?? (shippedTags.has(key) ? shipped(key) : undefined);
}

/** Where a locale's words come from, in order: itself, its language (`pt-br` → `pt`), English. */
function chainOf(key: string): string[] {
  return [...new Set([key, key.split('-')[0] as string, 'en'])];
}

function arrived(key: string): boolean {
  return key === 'en' || loaded.has(key) || !loaderOf(key);
}

/** Whether a locale's words are all here (English always is; a locale to fetch is not until it has arrived). */
export function isLoaded(key: string): boolean {
  return chainOf(key).every(arrived);
}

function loadOne(key: string): Promise<void> {
  const load = loaderOf(key);
  if (!load || arrived(key)) return Promise.resolve();
  let promise = pending.get(key);
  if (!promise) {
    promise = load().then(
      (module) => {
        loaded.set(key, 'default' in module ? (module.default as PartialTranslation) : module);
        changed();
      },
      (error: unknown) => {
        pending.delete(key);
        throw error;
      },
    );
    pending.set(key, promise);
  }
  return promise;
}

/** Fetches a locale's chunk once (and its language's); a failed fetch is tried again next time. Elements re-render when it arrives. */
export async function loadTranslation(key: string): Promise<void> {
  await Promise.all(chainOf(key.toLowerCase()).map(loadOne));
}

/** A tag's candidates, most specific first: `zh-TW` → `zh-tw`, `zh-hant`, `zh`. */
function candidates(tag: string): string[] {
  const out = [tag.toLowerCase()];
  try {
    const { language, script } = new Intl.Locale(tag).maximize();
    if (script) out.push(`${language}-${script}`.toLowerCase());
    out.push(language.toLowerCase());
  } catch {
    // Not a valid tag: only the tag itself can match.
  }
  return out;
}

/** A tag Intl accepts for numbers and plurals: the page's own, or English for one it rejects (`x-pirate`). */
function intlTag(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** The locale to show for the first of `tags` that has one (`de-AT` → `de`), else English; with the tag to format numbers by. */
export function bestLocale(tags: readonly string[]): { key: string; format: string } {
  for (const tag of tags) {
    const key = candidates(tag).find((candidate) => candidate === 'en' || registered.has(candidate) || loaded.has(candidate) || loaderOf(candidate));
    if (key) return { key, format: intlTag(tag) };
  }
  return { key: 'en', format: 'en' };
}

/** The message for a key in a locale: the site's wording, then the locale, then its language, then the site's English (else undefined: built-in English). */
export function lookup(key: string, section: SectionName, name: string): Message | undefined {
  for (const tag of chainOf(key)) {
    for (const source of [registered.get(tag), loaded.get(tag)]) {
      const message = (source?.[section] as Record<string, Message> | undefined)?.[name];
      if (message !== undefined) return message;
    }
  }
  return undefined;
}

/** A locale's text direction. */
export function directionOf(key: string): 'ltr' | 'rtl' {
  for (const tag of chainOf(key)) {
    const dir = registered.get(tag)?.$dir ?? loaded.get(tag)?.$dir;
    if (dir) return dir;
  }
  return 'ltr';
}

/** A section's words ready to read (see `Texts`): `SectionTexts<'login'>`. */
export type SectionTexts<N extends SectionName> = Texts<EnglishSections[N]>;
