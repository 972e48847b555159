import { drawVariations } from '../experiments/draw.js';

// The experiments' draw code in the script tag's own file (vite.config.ts puts this in draw-loader.ts's place):
// a form with experiments there waits for no chunk, and draws its variant in the same task as a form without
// (README "Experiments", issue 15's bars in `npm run bench`).

/** The draw code, already here. */
export const loadDraw = (): Promise<{ drawVariations: typeof drawVariations }> => Promise.resolve({ drawVariations });
