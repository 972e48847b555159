import type { LocalisedText, Purpose } from '../../protocol/consent.js';
import type { SectionTexts } from '../../translations/translation.js';

type ConsentTexts = SectionTexts<'consent'>;

/** The standard purposes, which the widget words in every language; a site's own ids bring their own words. */
const STANDARD = {
  necessary: ['purposeNecessaryTitle', 'purposeNecessaryDescription'],
  functional: ['purposeFunctionalTitle', 'purposeFunctionalDescription'],
  analytics: ['purposeAnalyticsTitle', 'purposeAnalyticsDescription'],
  advertising: ['purposeAdvertisingTitle', 'purposeAdvertisingDescription'],
  personalisation: ['purposePersonalisationTitle', 'purposePersonalisationDescription'],
  sale_share: ['purposeSaleShareTitle', 'purposeSaleShareDescription'],
} as const satisfies Record<string, readonly [keyof ConsentTexts, keyof ConsentTexts]>;

/** The site's words in the page's language (`de-AT`, then `de`), if it has them. */
export function localised(text: LocalisedText | undefined, lang: string): string | undefined {
  if (!text) return undefined;
  const wanted = lang.toLowerCase();
  const base = wanted.split('-')[0];
  const entries = Object.entries(text);
  return (entries.find(([tag]) => tag.toLowerCase() === wanted) ?? entries.find(([tag]) => tag.toLowerCase() === base))?.[1];
}

/**
 * A purpose's title and description: the site's words in the page's language, else the widget's own words for a
 * standard purpose, else the site's English (or any language it gave), else the id.
 */
export function purposeWords(purpose: Purpose, t: ConsentTexts, lang: string): { title: string; description: string } {
  const keys = (STANDARD as Record<string, readonly [keyof ConsentTexts, keyof ConsentTexts]>)[purpose.id];
  const pick = (text: LocalisedText | undefined, key: keyof ConsentTexts | undefined) =>
    localised(text, lang) ?? (key ? (t[key] as string) : undefined) ?? localised(text, 'en') ?? Object.values(text ?? {})[0];
  return { title: pick(purpose.title, keys?.[0]) ?? purpose.id, description: pick(purpose.description, keys?.[1]) ?? '' };
}
