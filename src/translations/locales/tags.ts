/**
 * The page languages a shipped locale answers (lowercase BCP 47 tags, as the keys of `index.ts`). Only this
 * list comes before the form: the map of loaders in `index.ts` is fetched with the first locale a page uses.
 */
export const shippedTags: ReadonlySet<string> = new Set(
  'ar cs da de es fa fi fr he hi id it ja ko nb nl no pl pt pt-br ru sv th tr uk vi zh-hans zh-hant'.split(' '),
);
