import type { clientFor } from '../../controllers/client-loader.js';
import type { loadFactorKit } from '../factor/load.js';

/**
 * The page's shared client lookup, handed to the lazily loaded element by `default-handler.ts` (which the
 * entries import). The element's chunk reads it from here rather than importing the client loader: a
 * dynamic chunk that statically reaches the loader (and through it the client's own dynamic import) makes
 * the bundler split shared code out of the entry into an extra file loaded before the form.
 */
export const sharedClient: { for?: typeof clientFor; factors?: typeof loadFactorKit } = {};
