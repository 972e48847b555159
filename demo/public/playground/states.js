// Every Latchkey element in every state, side by side, for designers and for the screenshot tests
// (test/e2e/visual/states.spec.ts). This is a design tool, not a behaviour test: each element gets an in-page
// fixture client (the `client` property, LatchClient's shape) whose calls answer with canned outcomes at once,
// so a state looks the same on every load. The behaviour against the real backend is tested in test/e2e/*.spec.ts.
//
// Address options: ?theme=light|dark  &dir=ltr|rtl  &lang=xx  &density=n  &state=<one state's name>.
// Without `state`, every state is drawn; the modal dialogs then open in place (not modal) so they can sit
// beside the rest. With `state`, only that one is drawn, and a dialog opens as the real modal.

import { fixtureClient } from './fixture-client.js';

const params = new URLSearchParams(location.search);
const theme = params.get('theme') === 'dark' ? 'dark' : 'light';
const only = params.get('state');
const root = document.documentElement;
root.dir = params.get('dir') === 'rtl' ? 'rtl' : 'ltr';
root.lang = params.get('lang') || 'en';
root.dataset.theme = theme;
const density = Number(params.get('density'));
if (Number.isFinite(density) && density > 0) root.style.setProperty('--latch-density', String(density));

// The placeholder tags did their job (the bundle saw them and loads their code); never let them connect.
document.getElementById('tags')?.remove();

const LONG_EMAIL = 'maximiliana.konstantinopoulou-vandenberghe@subdomain.extraordinarily-long-example-domain.co.uk';
const LONG_SITE = 'The Extraordinarily Long-Named Neighbourhood Cooperative Hardware Store';
const EMAIL = 'jo@example.com';
const DAY = 86_400;
const now = Math.floor(Date.now() / 1000);

const passkeys = [
  { id: 'pk-1', name: 'MacBook Pro (Touch ID)', created_at: now - 40 * DAY, last_used_at: now - 2 * DAY, synced: true },
  {
    id: 'pk-2',
    name: 'YubiKey 5C NFC on the blue keyring in the kitchen drawer, second from the left',
    created_at: now - 400 * DAY,
    last_used_at: null,
    synced: false,
  },
];

const codeStep = (email) => ({
  step: 'email_otp',
  purpose: 'sign_in',
  destination_hint: email,
  code_length: 6,
  expires_in: 600,
  resend_after: 0,
});

/** A sign-in whose email step answers with an emailed code. */
const CODE_STEP = {
  tag: 'latch-login',
  attrs: { 'site-name': 'Acme', methods: 'email_otp' },
  fixture: { submitIdentifier: { type: 'step', state: codeStep('j•••@example.com') } },
};

/** A state of the security page: one passkey, the factors given, and what the user does there. */
function security(name, title, factors, drive) {
  return { name, title, tag: 'latch-security', attrs: { 'site-name': 'Acme' }, fixture: { signedIn: EMAIL, passkeys: passkeys.slice(0, 1), factors }, drive };
}

/**
 * A state of the consent banner: the backend's policy from the fixture client (the link to it is the sign that
 * it is drawn, not a policy an earlier demo page cached), then what the visitor does.
 */
function consentBanner(name, title, attrs, drive) {
  return {
    name,
    title,
    tag: 'latch-consent-banner',
    attrs,
    dialog: attrs.modal !== undefined,
    drive: async (el) => {
      await untilShadow(el, '[part~="banner"] a[href$="/policies/cookies"]');
      if (drive) await drive(el);
    },
  };
}

/**
 * The states: a name (the `?state=` value and the tile's `data-state`), a title, the element to draw with its
 * attributes, the fixture's canned answers, and what a user does to reach the state (`drive`).
 */
const STATES = [
  { name: 'identifier', title: 'Identifier', tag: 'latch-login', attrs: { 'site-name': 'Acme' }, fixture: { connections: 'two' } },
  // Options a variant sets (README "Options a variant sets").
  { name: 'passkey-first', title: 'Passkey first', tag: 'latch-login', attrs: { 'site-name': 'Acme', lead: 'passkey' }, fixture: { connections: 'two' } },
  {
    name: 'combined',
    title: 'Email and password together, social on top',
    tag: 'latch-login',
    attrs: { 'site-name': 'Acme', layout: 'combined', 'social-position': 'top', 'sign-up-cta': 'free' },
    fixture: { connections: 'two' },
  },
  { name: 'sign-up', title: 'Sign-up', tag: 'latch-login', attrs: { 'site-name': 'Acme' }, drive: (el) => click(el, '.latch-text .latch-link') },
  {
    name: 'error',
    title: 'Error (server)',
    tag: 'latch-login',
    attrs: { 'site-name': 'Acme' },
    fixture: { submitIdentifier: 'fail' },
    drive: (el) => submitEmail(el, EMAIL, '.latch-alert'),
  },
  { name: 'code', title: 'Email code', ...CODE_STEP, drive: (el) => submitEmail(el, EMAIL, 'input[name="one-time-code"]') },
  {
    name: 'code-error',
    title: 'Email code, rejected',
    ...CODE_STEP,
    drive: async (el) => {
      await submitEmail(el, EMAIL, 'input[name="one-time-code"]');
      await submitIn(el, 'input[name="one-time-code"]', '12', '.latch-error');
    },
  },
  {
    name: 'password',
    title: 'Password',
    tag: 'latch-login',
    attrs: { 'site-name': 'Acme', methods: 'password email_otp' },
    fixture: { submitIdentifier: { type: 'step', state: { step: 'select_method', login_hint: EMAIL, methods: ['password', 'email_otp'], sign_up: false } } },
    drive: (el) => submitEmail(el, EMAIL, 'input[name="password"]'),
  },
  {
    name: 'methods',
    title: 'Method choice',
    tag: 'latch-login',
    attrs: { 'site-name': 'Acme', methods: 'passkey password email_otp' },
    fixture: {
      submitIdentifier: { type: 'step', state: { step: 'select_method', login_hint: EMAIL, methods: ['passkey', 'password', 'email_otp'], sign_up: false } },
    },
    drive: async (el) => {
      await submitEmail(el, EMAIL, 'input[name="password"]');
      await clickAndWait(el, '.latch-form > .latch-link', '.latch-methods');
    },
  },
  {
    name: 'passkey',
    title: 'Passkey',
    tag: 'latch-login',
    attrs: { 'site-name': 'Acme', methods: 'passkey' },
    fixture: { submitIdentifier: { type: 'step', state: { step: 'select_method', login_hint: EMAIL, methods: ['passkey'], sign_up: false } } },
    drive: (el) => submitEmail(el, EMAIL, 'button[type="submit"]'),
  },
  {
    name: 'second-factor',
    title: 'Second factor',
    tag: 'latch-login',
    attrs: { 'site-name': 'Acme' },
    fixture: {
      submitIdentifier: { type: 'step', state: { step: 'totp', code_length: 6, reason: 'new_device', alternatives: ['recovery_code'] } },
    },
    drive: (el) => submitEmail(el, EMAIL, 'input[name="one-time-code"]'),
  },
  { name: 'signed-in', title: 'Signed in', tag: 'latch-login', attrs: { 'site-name': 'Acme' }, fixture: { signedIn: EMAIL, hasPasskey: true } },
  { name: 'nudge', title: 'Passkey nudge', tag: 'latch-login', attrs: { 'site-name': 'Acme' }, fixture: { signedIn: EMAIL, hasPasskey: false }, ready: '.latch-nudge' },
  {
    name: 'long-email',
    title: 'Long email and site name',
    tag: 'latch-login',
    attrs: { 'site-name': LONG_SITE, methods: 'password email_otp' },
    fixture: {
      submitIdentifier: { type: 'step', state: { step: 'select_method', login_hint: LONG_EMAIL, methods: ['password', 'email_otp'], sign_up: false } },
    },
    drive: (el) => submitEmail(el, LONG_EMAIL, 'input[name="password"]'),
  },
  { name: 'long-signed-in', title: 'Long email, signed in', tag: 'latch-login', attrs: { 'site-name': LONG_SITE }, fixture: { signedIn: LONG_EMAIL, hasPasskey: false }, ready: '.latch-nudge' },
  { name: 'social-buttons', title: 'Social buttons', tag: 'latch-social-buttons', fixture: { connections: 'all' }, shadowReady: 'button' },
  { name: 'social-compact', title: 'Social buttons, compact', tag: 'latch-social-buttons', attrs: { layout: 'compact' }, fixture: { connections: 'all' }, shadowReady: 'button' },
  { name: 'passkeys', title: 'Passkey list', tag: 'latch-passkeys', fixture: { signedIn: EMAIL, passkeys }, ready: '.latch-list' },
  { name: 'passkeys-empty', title: 'Passkey list, empty', tag: 'latch-passkeys', fixture: { signedIn: EMAIL, passkeys: [] }, ready: '[data-add]' },
  {
    name: 'passkeys-remove',
    title: 'Passkey removal',
    tag: 'latch-passkeys',
    fixture: { signedIn: EMAIL, passkeys },
    drive: (el) => clickAndWait(el, '[data-passkey="pk-2"] [data-remove]', '[data-confirm]'),
  },
  { name: 'passkeys-error', title: 'Passkey list, failed', tag: 'latch-passkeys', fixture: { signedIn: EMAIL, passkeys: 'fail' }, ready: '.latch-alert' },
  security('security', 'Security page', { password: true, totp: true, phone: { hint: '+44 •••• ••• 123' }, recovery_codes_remaining: 8 }, (el) =>
    until(el, '[data-create-codes]'),
  ),
  security('security-setup', 'Authenticator app setup', { totp: false, recovery_codes_remaining: 0 }, (el) =>
    clickAndWait(el, '[data-start-totp]', '.latch-qr'),
  ),
  security('recovery-codes', 'Recovery codes', { totp: true, recovery_codes_remaining: 0 }, (el) =>
    clickAndWait(el, '[data-create-codes]', '[data-codes]'),
  ),
  { name: 'privacy', title: 'Privacy center', tag: 'latch-privacy', fixture: { signedIn: EMAIL }, ready: '[data-delete]' },
  {
    name: 'privacy-delete',
    title: 'Account deletion, confirming',
    tag: 'latch-privacy',
    fixture: { signedIn: EMAIL },
    drive: (el) => clickAndWait(el, '[data-delete]', 'form.latch-warning input[type="checkbox"]'),
  },
  { name: 'devices', title: 'Devices and activity', tag: 'latch-devices', fixture: { signedIn: EMAIL }, ready: '[data-activity]' },
  consentBanner('consent-banner', 'Consent banner', {}),
  consentBanner('consent-preferences', 'Consent banner, choosing', {}, (el) => clickInShadow(el, '[part~="button-choose"]', '[part~="switches"]')),
  { name: 'step-up', title: 'Step-up dialog', tag: 'latch-step-up', dialog: true, drive: (el) => stepUp(el) },
  { name: 'session-warning', title: 'Session warning', tag: 'latch-session-timeout', dialog: true, fixture: { signedIn: EMAIL, idleIn: 90 }, shadowReady: 'dialog[open]' },
  consentBanner('consent-modal', 'Consent banner, modal', { modal: '' }),
];

const shown = only ? STATES.filter((state) => state.name === only) : STATES;
const gallery = document.getElementById('states');
if (shown.length === 0) gallery.textContent = `No state called "${only}".`;
if (!only) openDialogsInPlace();

await Promise.all(shown.map((state) => draw(state)));
// Each element moves focus to its step as it draws, so the page would open scrolled to whichever drew last:
// side by side (and in the playground's preview), the gallery starts at its top instead.
if (!only) {
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  scrollTo(0, 0);
}
root.dataset.ready = 'true';

/** Draws one state in its tile and takes it there; the tile is marked `data-ready` once it is. */
async function draw(state) {
  // The tile goes in at once, so the tiles keep the list's order whichever element's code arrives first.
  const tile = document.createElement('section');
  tile.className = 'state';
  tile.dataset.state = state.name;
  tile.setAttribute('aria-label', state.title);
  const title = document.createElement('h2');
  title.className = 'state-title';
  title.textContent = state.title;
  const stage = document.createElement('div');
  stage.className = 'stage';
  tile.append(title, stage);
  gallery.append(tile);
  try {
    // Goes in undefined, as on any page: the script defines its tag on sight, and the client set before that
    // is kept through the upgrade (Lit restores properties set on an element before its class arrived), so it
    // never builds a client of its own.
    const element = document.createElement(state.tag);
    for (const [name, value] of Object.entries(state.attrs ?? {})) element.setAttribute(name, value);
    element.setAttribute('theme', theme);
    element.client = fixtureClient({ name: state.name, ...state.fixture });
    stage.append(element);
    await customElements.whenDefined(state.tag);
    await element.updateComplete;
    if (state.drive) await state.drive(element);
    if (state.ready) await until(element, state.ready);
    if (state.shadowReady) await untilShadow(element, state.shadowReady);
    if (!state.drive && !state.ready && !state.shadowReady) await until(element, '.latch-title');
    await settled(element);
    tile.dataset.ready = 'true';
  } catch (error) {
    tile.dataset.ready = 'failed';
    const note = document.createElement('p');
    note.className = 'state-failed';
    note.textContent = `This state did not draw: ${error instanceof Error ? error.message : String(error)}`;
    tile.append(note);
  }
}

/** Waits until `selector` matches inside the element's light DOM (its forms live there). */
function until(element, selector, timeout = 5000) {
  return waitFor(() => element.querySelector(selector), element, timeout, selector);
}

/** Waits until `selector` matches inside the element's shadow root. */
function untilShadow(element, selector, timeout = 5000) {
  return waitFor(() => element.shadowRoot?.querySelector(selector), element, timeout, selector);
}

function waitFor(find, element, timeout, what) {
  return new Promise((resolve, reject) => {
    const found = find();
    if (found) return resolve(found);
    const observer = new MutationObserver(check);
    const timer = setTimeout(() => {
      observer.disconnect();
      clearInterval(poll);
      reject(new Error(`nothing matched ${what}`));
    }, timeout);
    // Shadow roots are not observed from outside; a light poll covers them.
    const poll = setInterval(check, 50);
    observer.observe(element, { subtree: true, childList: true, attributes: true });
    function check() {
      const match = find();
      if (!match) return;
      observer.disconnect();
      clearInterval(poll);
      clearTimeout(timer);
      resolve(match);
    }
  });
}

/** Two frames after the element's last update: what is drawn is on screen. */
async function settled(element) {
  await element.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

/** Types an email into the identifier step and submits it, the way a user does; waits for `next`. */
async function submitEmail(element, email, next) {
  await submitIn(element, 'input[name="username"]', email, next);
}

async function submitIn(element, selector, value, next) {
  const input = await until(element, selector);
  // The first submit waits for the fixture client's start (the form is usable before it).
  await new Promise((resolve) => setTimeout(resolve, 0));
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  input.form.requestSubmit();
  await until(element, next);
}

async function click(element, selector) {
  (await until(element, selector)).click();
  await element.updateComplete;
}

async function clickAndWait(element, selector, next) {
  (await until(element, selector)).click();
  await until(element, next);
}

async function clickInShadow(element, selector, next) {
  (await untilShadow(element, selector)).click();
  await untilShadow(element, next);
}

/** Opens the step-up prompt as a sensitive action would (it stays open: nobody answers it). */
async function stepUp(element) {
  element.stepUp({ acrValues: ["urn:latch:acr:mfa"] }).catch((error) => console.warn("step-up", error));
  await untilShadow(element, 'dialog[open]');
  await until(element, 'input[name="one-time-code"]');
}

/**
 * In the side-by-side gallery a modal dialog would cover every other state: there, dialogs open in place
 * (`show()`), styled in the flow by states.css. `?state=step-up` shows the real modal.
 */
function openDialogsInPlace() {
  HTMLDialogElement.prototype.showModal = HTMLDialogElement.prototype.show;
}

