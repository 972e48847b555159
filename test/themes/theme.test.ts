import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/components/login/login.js';
import '../../src/components/session/session-timeout.js';
import type { LatchLogin } from '../../src/components/login/login.component.js';
import { contrast } from './contrast.js';

// What a designer sets reaches what a user sees: tokens, their dark values, density, the element tier,
// forced colours and reduced motion, read back as computed styles of the rendered elements.

const OFFLINE_ISSUER = 'http://localhost:9';

async function mount(style = '', theme = 'light'): Promise<LatchLogin> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style=${style}><latch-login issuer=${OFFLINE_ISSUER} client-id="web" site-name="Acme" theme=${theme}></latch-login></div>`,
  );
  const element = wrapper.querySelector<LatchLogin>('latch-login')!;
  await element.updateComplete;
  return element;
}

/** The sign-up link (part `button-link`) is drawn once discovery has answered: here, once the offline issuer failed. */
async function withSignUpLink(element: LatchLogin): Promise<LatchLogin> {
  await waitUntil(() => element.querySelector('[part~="button-link"]'), 'the sign-up link is drawn');
  return element;
}

const part = (element: LatchLogin, name: string) => element.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const computed = (node: Element) => getComputedStyle(node);

describe('theming the elements', () => {
  afterEach(() => emulateMedia({ forcedColors: 'none', reducedMotion: 'no-preference' }));

  it('exposes its light-DOM nodes by part, and the card in its shadow root', async () => {
    const element = await withSignUpLink(await mount());
    for (const name of ['form', 'heading', 'label', 'input', 'input-email', 'button', 'button-primary', 'button-link', 'text']) {
      expect(part(element, name), name).to.exist;
    }
    expect(part(element, 'input').getRootNode()).to.equal(document);
    expect(element.shadowRoot!.querySelector('[part="card"]')).to.exist;
  });

  it('uses the brand colour in the light theme and its -dark value in the dark theme', async () => {
    const brand = '--latch-color-primary: #0a6b3f; --latch-color-primary-dark: #7ee2a8';
    expect(computed(part(await mount(brand), 'button-primary')).backgroundColor).to.equal('rgb(10, 107, 63)');
    expect(computed(part(await mount(brand, 'dark'), 'button-primary')).backgroundColor).to.equal('rgb(126, 226, 168)');
  });

  it('keeps AA contrast on the rendered text and buttons in both themes', async () => {
    for (const theme of ['light', 'dark']) {
      const element = await withSignUpLink(await mount('', theme));
      const card = computed(element.shadowRoot!.querySelector('.card')!).backgroundColor;
      const primary = computed(part(element, 'button-primary'));
      expect(contrast(primary.color, primary.backgroundColor), `${theme} primary button`).to.be.at.least(4.5);
      expect(contrast(computed(part(element, 'heading')).color, card), `${theme} heading`).to.be.at.least(4.5);
      expect(contrast(computed(part(element, 'button-link')).color, card), `${theme} link`).to.be.at.least(4.5);
      expect(contrast(computed(part(element, 'input')).borderTopColor, card), `${theme} input border`).to.be.at.least(3);
    }
  });

  it('scales control heights and spacing with --latch-density', async () => {
    const height = async (density: string) => part(await mount(`--latch-density: ${density}`), 'button-primary').getBoundingClientRect().height;
    const gap = async (density: string) => parseFloat(computed(part(await mount(`--latch-density: ${density}`), 'form')).rowGap);
    const [compact, normal, comfortable] = [await height('0.85'), await height('1'), await height('1.15')];
    expect(normal).to.equal(44);
    expect(compact).to.be.closeTo(44 * 0.85, 0.5);
    expect(comfortable).to.be.closeTo(44 * 1.15, 0.5);
    expect(await gap('0.85')).to.be.closeTo(16 * 0.85, 0.5);
  });

  it('lets an element token override its global default', async () => {
    const element = await mount('--latch-space: 2rem; --latch-login-card-padding: 3px');
    expect(computed(element.shadowRoot!.querySelector('.card')!).paddingTop).to.equal('3px');
    expect(computed(part(element, 'form')).rowGap).to.equal('32px');
  });

  it('switches to system colours under forced colours, over a dark theme and the page tokens', async () => {
    await emulateMedia({ forcedColors: 'active' });
    const element = await mount('--latch-color-focus: #ff00ff', 'dark');
    expect(computed(element).getPropertyValue('--_focus').trim()).to.equal('Highlight');
    expect(computed(element).getPropertyValue('--_surface').trim()).to.equal('Canvas');
  });

  it('switches a shadow-DOM element in its dark theme to system colours under forced colours too', async () => {
    await emulateMedia({ forcedColors: 'active' });
    const element = await fixture<HTMLElement>(html`<latch-session-timeout theme="dark"></latch-session-timeout>`);
    expect(computed(element).getPropertyValue('--_surface').trim()).to.equal('Canvas');
    expect(computed(element).getPropertyValue('--_focus').trim()).to.equal('Highlight');
  });

  it('slows the busy spinner when the user asks for less motion', async () => {
    expect(computed(await mount()).getPropertyValue('--_duration-spin').trim()).to.equal('800ms');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(computed(await mount()).getPropertyValue('--_duration-spin').trim()).to.equal('2400ms');
  });
});
