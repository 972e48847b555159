import { expect } from '@open-wc/testing';
import { resumeView, saveView } from '../../src/analytics/view-handoff.js';

describe('analytics view hand-off to a redirect sign-in’s return page', () => {
  afterEach(() => sessionStorage.clear());

  it('gives the return page the view that left for the provider, once', () => {
    saveView({ id: 'view-1', start: 1000, steps: 1, retries: 2, chosen: 'sso' });
    expect(resumeView()).to.deep.equal({ id: 'view-1', start: 1000, steps: 1, retries: 2, chosen: 'sso' });
    expect(resumeView()).to.equal(undefined);
  });

  it('keeps only the view’s id and counters in sessionStorage', () => {
    saveView({ id: 'view-1', start: 1000, steps: 3, retries: 0, chosen: 'sso' });
    expect(Object.keys(JSON.parse(sessionStorage.getItem('latch-funnel-view')!)).sort()).to.deep.equal(['chosen', 'id', 'retries', 'saved', 'start', 'steps']);
  });

  it('treats a return after 30 minutes, or a damaged record, as a new visit', () => {
    saveView({ id: 'view-1', start: 1000, steps: 1, retries: 0 });
    expect(resumeView(Date.now() + 31 * 60_000)).to.equal(undefined);
    sessionStorage.setItem('latch-funnel-view', '{"id":5}');
    expect(resumeView()).to.equal(undefined);
    sessionStorage.setItem('latch-funnel-view', 'not json');
    expect(resumeView()).to.equal(undefined);
  });
});
