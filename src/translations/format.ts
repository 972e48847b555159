/** A CLDR plural category (Unicode TR 35, "Language Plural Rules"). */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/**
 * A message whose wording depends on the number in `{count}`: one text per plural category the locale uses
 * (`Intl.PluralRules#resolvedOptions().pluralCategories`), `other` always.
 */
export type Plural = { readonly [C in Exclude<PluralCategory, 'other'>]?: string } & { readonly other: string };

/** One translatable text: a string with named `{placeholders}`, or a {@link Plural}. */
export type Message = string | Plural;

/** The values of a message's placeholders; numbers are formatted for the locale (`Intl.NumberFormat`). */
export type Params = Readonly<Record<string, string | number>>;

/** The placeholder names in a string type: `'Sign in to {site}'` → `'site'`. */
type Names<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Names<Rest> : never;

/** The placeholders a message takes; a plural message always takes `count`. */
export type MessageParams<M> = M extends string ? Names<M> : 'count' | Names<M[keyof M]>;

/**
 * A section of messages ready to read: a text without placeholders is a string, one with placeholders is a
 * function of exactly those (`t.codeSent({ destination })`), so a call cannot forget or misspell one.
 */
export type Texts<S> = {
  readonly [K in keyof S]: [MessageParams<S[K]>] extends [never] ? string : (params: Record<MessageParams<S[K]>, string | number>) => string;
};

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached<T>(cache: Map<string, T>, lang: string, make: () => T): T {
  let value = cache.get(lang);
  if (!value) cache.set(lang, (value = make()));
  return value;
}

/** The texts of a message, every plural form for a {@link Plural}. */
export function forms(message: Message): string[] {
  return typeof message === 'string' ? [message] : Object.values(message).filter((text): text is string => text !== undefined);
}

/** The `{placeholder}` names a message uses, over all its forms. */
export function placeholders(message: Message): Set<string> {
  return new Set(forms(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string)));
}

/**
 * Fills a message's `{placeholders}` for a locale: a {@link Plural} picks its form for `params.count` with
 * `Intl.PluralRules`, and numbers are written with `Intl.NumberFormat` (Arabic digits in Arabic, and so on).
 */
export function formatMessage(lang: string, message: Message, params: Params = {}): string {
  const text =
    typeof message === 'string'
      ? message
      : (message[cached(pluralRules, lang, () => new Intl.PluralRules(lang)).select(Number(params.count))] ?? message.other);
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (typeof value === 'number') return cached(numberFormats, lang, () => new Intl.NumberFormat(lang)).format(value);
    return value && RIGHT_TO_LEFT.test(lang) ? `\u2068${value}\u2069` : (value ?? '');
  });
}

/**
 * Right-to-left languages: there a value (an email, a phone number, a site's name) is set apart as a first-strong
 * isolate (U+2068 … U+2069, Unicode bidi), so "+44 •••• 123" keeps its order inside an Arabic sentence.
 */
const RIGHT_TO_LEFT = /^(ar|fa|he|iw|ps|ur|yi|dv|ckb|sd|ug)(-|$)/i;

/** A section's messages as {@link Texts} for a locale: `lookup(key)` gives the message to use for a key of `shape`. */
export function compileTexts<S extends Record<string, Message>>(lang: string, shape: S, lookup: (key: string) => Message): Texts<S> {
  const texts: Record<string, string | ((params: Params) => string)> = {};
  for (const key of Object.keys(shape)) {
    const message = lookup(key);
    // Whether a text takes placeholders follows English (the shape), so the call sites type-check once for all locales.
    texts[key] = placeholders(shape[key] as Message).size ? (params: Params) => formatMessage(lang, message, params) : formatMessage(lang, message);
  }
  return texts as Texts<S>;
}
