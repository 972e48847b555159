export { en } from './en.js';
export { registerTranslation, stringTable, translationFor } from './translation.js';
export type { ErrorContext, Translation } from './translation.js';
