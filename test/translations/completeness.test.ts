import { expect } from '@open-wc/testing';
import { forms, placeholders, type Message } from '../../src/translations/format.js';
import { locales } from '../../src/translations/locales/index.js';
import { en } from '../../src/translations/locales/en/index.js';

type Sections = Record<string, Record<string, Message> | string>;

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((name) => b.has(name));
}

/** What is wrong with one message of a locale against English. */
function messageProblems(tag: string, where: string, english: Message, message: Message): string[] {
  const problems: string[] = [];
  const wanted = placeholders(english);
  if (!sameSet(placeholders(message), wanted)) {
    problems.push(`${where}: placeholders {${[...placeholders(message)].join('}, {')}} instead of {${[...wanted].join('}, {')}}`);
  }
  for (const text of forms(message)) {
    const extra = [...placeholders(text)].filter((name) => !wanted.has(name));
    if (extra.length) problems.push(`${where}: a form uses {${extra.join('}, {')}}, which English does not have`);
    if (!text.trim() && forms(english).some((form) => form.trim())) problems.push(`${where}: empty`);
  }
  if (typeof message !== 'string') {
    if (!wanted.has('count')) problems.push(`${where}: plural forms, but English has no {count} to choose them by`);
    const categories = new Set(new Intl.PluralRules(tag).resolvedOptions().pluralCategories);
    const given = new Set(Object.keys(message));
    for (const category of categories) if (!given.has(category)) problems.push(`${where}: no "${category}" form (${tag} uses ${[...categories].join(', ')})`);
    for (const category of given) if (!categories.has(category as Intl.LDMLPluralRule)) problems.push(`${where}: a "${category}" form, which ${tag} does not use`);
  }
  return problems;
}

/** Every difference between a locale and English: missing or extra keys, placeholders, plural categories. */
function problems(tag: string, locale: Sections): string[] {
  const reference = en as unknown as Sections;
  const found: string[] = [];
  if (locale.$dir !== 'ltr' && locale.$dir !== 'rtl') found.push('$dir: must be "ltr" or "rtl"');
  for (const name of Object.keys(locale)) if (!(name in reference)) found.push(`${name}: a section English does not have`);
  for (const [name, section] of Object.entries(reference)) {
    if (typeof section === 'string') continue;
    const theirs = locale[name];
    if (typeof theirs !== 'object') {
      found.push(`${name}: missing section`);
      continue;
    }
    for (const key of Object.keys(theirs)) if (!(key in section)) found.push(`${name}.${key}: a key English does not have`);
    for (const [key, english] of Object.entries(section)) {
      const message = theirs[key];
      if (message === undefined) found.push(`${name}.${key}: missing`);
      else found.push(...messageProblems(tag, `${name}.${key}`, english, message));
    }
  }
  return found;
}

describe('locales', () => {
  for (const [tag, load] of Object.entries(locales)) {
    it(`${tag} has every key of English, the same placeholders, and the plural forms ${tag} uses`, async () => {
      const { default: locale } = await load();
      expect(problems(tag, locale as unknown as Sections)).to.deep.equal([]);
    });
  }

  it('English itself passes (its plurals use the English categories)', () => {
    expect(problems('en', en as unknown as Sections)).to.deep.equal([]);
  });

  it('finds a missing key, an extra key, a changed placeholder and a missing plural form', () => {
    const broken = structuredClone(en) as unknown as Record<string, Record<string, Message>>;
    delete broken.login!.continue;
    broken.login!.extra = 'Extra';
    broken.loginSteps!.codeSent = 'Wir haben einen Code an {email} gesendet.';
    broken.security!.codesRemaining = { one: '{count} Code übrig.', other: '{count} Codes übrig.' };
    const found = problems('ar', broken as unknown as Sections);
    expect(found).to.include('login.continue: missing');
    expect(found).to.include('login.extra: a key English does not have');
    expect(found.some((problem) => problem.startsWith('loginSteps.codeSent: placeholders {email}'))).to.equal(true);
    expect(found).to.include('security.codesRemaining: no "zero" form (ar uses zero, one, two, few, many, other)');
  });
});
