import { expect } from '@open-wc/testing';
import { locales } from '../../src/translations/locales/index.js';
import { shippedTags } from '../../src/translations/locales/tags.js';

describe('shipped locale tags', () => {
  it('name exactly the locales of the loader map, so a page language finds its chunk before the map is fetched', () => {
    expect([...shippedTags].sort()).to.deep.equal(Object.keys(locales).sort());
  });
});
