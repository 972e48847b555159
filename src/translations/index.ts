export { registerTranslation, loadTranslation } from './translation.js';
export type { PartialTranslation, SectionName, Translation, TranslationLoader } from './translation.js';
export type { Message, Plural, PluralCategory } from './format.js';
export type { ErrorContext } from './error-text.js';
export { en } from './locales/en/index.js';
