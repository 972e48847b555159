import { errorText } from './error-text.js';
import { errorCounts, errors } from './locales/en/errors.js';

/**
 * Every error's English and how its message is put together. Only the client's work (or its failing to
 * load) ends in an error, so these come with the client's code instead of before the form (see
 * `loadErrorWords` in client-loader.ts and `LocaleController.error`).
 */
export const errorWords = { errors, errorCounts, text: errorText };

export type ErrorWords = typeof errorWords;
