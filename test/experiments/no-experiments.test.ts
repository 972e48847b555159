import { expect } from '@open-wc/testing';
import '../../src/components/login/login.js';
import type { LatchLogin } from '../../src/components/login/login.component.js';

// A form without experiments (the usual page) pays nothing for them: it draws without waiting and never fetches
// their code. (A file of its own: the page of each test file starts with no module loaded.)

describe('a form without experiments', () => {
  it('draws at once, reports no assignment, and loads no experiment code', async () => {
    const element = document.createElement('latch-login') as LatchLogin;
    element.setAttribute('issuer', 'http://localhost:9');
    element.setAttribute('client-id', 'web');
    document.body.append(element);
    // The first draw runs within the microtasks after connecting: one macrotask later it is done.
    await new Promise((resolve) => setTimeout(resolve));
    expect(element.hasUpdated).to.equal(true);
    expect(element.querySelector('input[name="username"]')).to.exist;
    expect(element.assignments).to.deep.equal([]);
    expect(element.configVersion).to.equal(undefined);
    const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(loaded.filter((url) => url.includes('/src/experiments/'))).to.deep.equal([]);
    expect(loaded.some((url) => url.includes('/src/controllers/experiments.controller'))).to.equal(true);
    element.remove();
  });
});
