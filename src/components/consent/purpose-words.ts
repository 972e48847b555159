import type { Purpose } from '../../protocol/consent.js';
import type { LocalisedText } from '../../protocol/policies.js';
import type { SectionTexts } from '../../translations/translation.js';

type ConsentTexts = SectionTexts<'consent'>;

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
 * standard purpose (`sale_share` → `purposeSaleShareTitle`), else the site's English, else the id.
 */
export function purposeWords(purpose: Purpose, t: ConsentTexts, lang: string): { title: string; description: string } {
  const key = `purpose${purpose.id.replace(/(?:^|_)([a-z])/g, (_, letter: string) => letter.toUpperCase())}`;
  const own = t as unknown as Record<string, string | undefined>;
  const pick = (text: LocalisedText | undefined, part: 'Title' | 'Description') =>
    localised(text, lang) ?? own[key + part] ?? localised(text, 'en');
  return { title: pick(purpose.title, 'Title') ?? purpose.id, description: pick(purpose.description, 'Description') ?? '' };
}
