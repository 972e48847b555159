import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { LitElement, html, type TemplateResult } from 'lit';
import { defineOnSight } from '../../src/elements/on-sight.js';

// defineOnSight with the page's own customElements and MutationObserver: each test uses tags of its own
// (a tag can be defined once per page), and its loaders define them as an element's chunk would.

let serial = 0;
/** A fresh tag name, never defined on this page. */
const freshTag = (name: string) => `sight-${name}-${++serial}`;

/** A loader that defines `tag` (once, as a second copy of a chunk would find it taken) and counts its calls. */
function chunkFor(tag: string): { load: () => Promise<void>; calls: () => number } {
  let calls = 0;
  return {
    load: async () => {
      calls++;
      await Promise.resolve();
      if (!customElements.get(tag)) customElements.define(tag, class extends HTMLElement {});
    },
    calls: () => calls,
  };
}

const upgraded = (element: Element) => waitUntil(() => customElements.get(element.localName) && element.matches(':defined'), `${element.localName} upgraded`);

/** Resolves with the next unhandled rejection, or `undefined` after `ms`. */
function nextUnhandledRejection(ms: number): Promise<unknown> {
  return new Promise((done) => {
    const seen = (event: PromiseRejectionEvent) => done(event.reason);
    window.addEventListener('unhandledrejection', seen, { once: true });
    setTimeout(() => {
      window.removeEventListener('unhandledrejection', seen);
      done(undefined);
    }, ms);
  });
}

const mounted: Element[] = [];
const mount = <T extends Element>(element: T): T => {
  mounted.push(element);
  document.body.append(element);
  return element;
};
afterEach(() => mounted.splice(0).forEach((element) => element.remove()));

describe('defineOnSight', () => {
  it('defines a tag that is on the page when it starts', async () => {
    const tag = freshTag('present');
    const element = mount(document.createElement(tag));
    defineOnSight({ [tag]: chunkFor(tag).load });
    await upgraded(element);
  });

  it('defines a tag added to the document later, loading its chunk once for many copies', async () => {
    const tag = freshTag('late');
    const chunk = chunkFor(tag);
    defineOnSight({ [tag]: chunk.load });
    await new Promise((done) => setTimeout(done, 50));
    expect(chunk.calls()).to.equal(0);
    const wrapper = mount(document.createElement('div'));
    wrapper.append(document.createElement(tag), document.createElement(tag));
    await upgraded(wrapper.firstElementChild!);
    mount(document.createElement(tag));
    await upgraded(mounted.at(-1)!);
    expect(chunk.calls()).to.equal(1);
  });

  it('defines a tag added later inside an open shadow root that was on the page from the start', async () => {
    const tag = freshTag('in-shadow');
    const host = mount(document.createElement('div'));
    const root = host.attachShadow({ mode: 'open' });
    defineOnSight({ [tag]: chunkFor(tag).load });
    const nested = document.createElement('section');
    root.append(nested);
    nested.append(document.createElement(tag));
    await upgraded(root.querySelector(tag)!);
  });

  it('defines a tag that a Lit element renders into its shadow root after a route change, the element itself defined late', async () => {
    const tag = freshTag('routed');
    const appTag = freshTag('app');
    const app = mount(document.createElement(appTag)) as Element & { route: string };
    defineOnSight({ [tag]: chunkFor(tag).load });
    // The app's own element is defined after the page (and its shadow root) is seen: its definition arrives late.
    await new Promise((done) => setTimeout(done, 20));
    class App extends LitElement {
      static override properties = { route: {} };
      route = 'home';
      override render(): TemplateResult {
        // A tag only this test knows: rendered from a static string, as a router's outlet would.
        return this.route === 'security' ? html`<main></main>` : html`<p>Home</p>`;
      }
      override updated(): void {
        if (this.route === 'security') this.renderRoot.querySelector('main')!.append(document.createElement(tag));
      }
    }
    customElements.define(appTag, App);
    await (app as unknown as App).updateComplete;
    app.route = 'security';
    await waitUntil(() => app.shadowRoot?.querySelector(tag), 'the route rendered the tag');
    await upgraded(app.shadowRoot!.querySelector(tag)!);
  });

  it('fetches nothing for a tag another copy of the script has defined, and two copies do not throw', async () => {
    const tag = freshTag('twice');
    const first = chunkFor(tag);
    const second = chunkFor(tag);
    defineOnSight({ [tag]: first.load });
    defineOnSight({ [tag]: second.load });
    const element = mount(document.createElement(tag));
    await upgraded(element);
    const third = chunkFor(tag);
    defineOnSight({ [tag]: third.load });
    mount(document.createElement(tag));
    await new Promise((done) => setTimeout(done, 20));
    expect(first.calls() + second.calls()).to.be.within(1, 2);
    expect(third.calls()).to.equal(0);
  });

  it('a chunk that fails to load is quiet, and is tried again when the tag is next added', async () => {
    const tag = freshTag('offline');
    const chunk = chunkFor(tag);
    let online = false;
    let failures = 0;
    defineOnSight({
      [tag]: async () => {
        if (online) return chunk.load();
        failures++;
        throw new TypeError('Failed to fetch dynamically imported module');
      },
    });
    const rejected = nextUnhandledRejection(200);
    mount(document.createElement(tag));
    await waitUntil(() => failures === 1, 'the first load failed');
    expect(await rejected).to.equal(undefined);
    expect(customElements.get(tag)).to.equal(undefined);
    online = true;
    const again = mount(document.createElement(tag));
    await upgraded(again);
    expect(chunk.calls()).to.equal(1);
  });
});
