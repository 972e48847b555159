// The storefront's account page, talking to its own API through <latch-step-up>'s fetch(): a request
// that needs a fresher or stronger sign-in opens "Confirm it's you", then completes. Server strings go in
// as text only.
const stepUp = document.querySelector('latch-step-up');
const result = document.getElementById('result');
const problem = document.getElementById('problem');

/** What the page says when a step-up did not happen (the widget's error codes are stable). */
const STEP_UP_MESSAGES = {
  LATCH_STEP_UP_CANCELLED: "You didn't confirm it's you, so nothing was changed.",
  LATCH_STEP_UP_UNMET: "We couldn't confirm it's you the way this needs. Nothing was changed.",
  LATCH_STEP_UP_FAILED: "You confirmed it's you, but the store still refused. Nothing was changed; please try again later.",
  LATCH_NOT_SIGNED_IN: 'Please sign in again.',
};

/** What an action's own refusals mean, by the API's `error` (or the step-up's code); the rest as above. */
const EMAIL_MESSAGES = {
  unchanged: 'That is already your email.',
  invalid: 'Enter an email address, like name@example.com.',
  rate_limited: 'We just sent a code there. Wait a moment before asking for another.',
  invalid_code: "That code didn't work. Check the newest email and try again.",
  expired_code: 'That code has expired. Save the email again to get a new one.',
  too_many_attempts: 'Too many wrong codes. Save the email again to get a new one.',
  email_taken: 'Another account uses that address.',
};

function say(text) {
  problem.textContent = '';
  result.textContent = text;
}

function complain(error, messages = {}) {
  result.textContent = '';
  problem.textContent = messages[error?.code] ?? STEP_UP_MESSAGES[error?.code] ?? 'Something went wrong. Please try again.';
}

/** A refusal of the store's API as an error whose `code` is the API's `error` (or its field error's code). */
async function refusal(response) {
  const body = await response.json().catch(() => ({}));
  return Object.assign(new Error(`HTTP ${response.status}`), { code: body.field_errors?.[0]?.code ?? body.error });
}

async function api(path, init) {
  await customElements.whenDefined('latch-step-up');
  return stepUp.fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } });
}

async function showProfile() {
  // A visitor who is not signed in is told so without asking the API, whose 401 the browser would log.
  // The session lives with the backend: this origin's on one origin, id.<domain>'s beside the store on www. Its
  // address is the one discovery names (profile §1): the reference backend's `/session`, better-auth's under /api/auth.
  const issuer = new URL(stepUp.getAttribute('issuer') ?? '/', location.href).href.replace(/\/$/, '');
  const metadata = await fetch(`${issuer}/.well-known/openid-configuration`).then((answer) => answer.json());
  const session = await fetch(metadata.ciam_session_endpoint, { credentials: 'include', headers: { accept: 'application/json' } }).then((answer) => answer.json());
  if (!session.active) {
    document.getElementById('signed-out').hidden = false;
    return;
  }
  const response = await api('/api/profile');
  if (!response.ok) {
    document.getElementById('signed-out').hidden = false;
    return;
  }
  const profile = await response.json();
  document.getElementById('profile-email').textContent = profile.email ?? '';
  document.getElementById('profile-name').textContent = profile.name ?? '—';
  document.getElementById('profile').hidden = false;
}

document.getElementById('show-cards').addEventListener('click', async () => {
  try {
    const response = await api('/api/payment-methods');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { cards } = await response.json();
    const list = document.getElementById('cards');
    list.replaceChildren(
      ...cards.map((card) => {
        const item = document.createElement('li');
        item.textContent = `${card.brand} ending ${card.last4}`;
        return item;
      }),
    );
    say(`${cards.length} saved ${cards.length === 1 ? 'card' : 'cards'}.`);
  } catch (error) {
    complain(error);
  }
});

// Changing the email: the code goes to the new address, and the address changes only once it is entered
// (docs/protocol.md §21.2). Starting it may ask the customer to confirm it's them; entering the code does not.
const emailForm = document.getElementById('email-form');
const codeForm = document.getElementById('email-code-form');
const codeInput = document.getElementById('email-code');

async function postEmail(body) {
  const response = await api('/api/email', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw await refusal(response);
  return response.json();
}

emailForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const email = new FormData(emailForm).get('email');
  try {
    const sent = await postEmail({ action: 'start', email });
    document.getElementById('email-code-sent').textContent = `We emailed a ${sent.code_length}-digit code to ${sent.destination_hint}. Enter it to change your email.`;
    codeForm.hidden = false;
    codeInput.value = '';
    say('');
    codeInput.focus();
  } catch (error) {
    complain(error, EMAIL_MESSAGES);
  }
});

codeForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const saved = await postEmail({ action: 'verify', code: codeInput.value.replace(/\s+/g, '') });
    codeForm.hidden = true;
    document.getElementById('profile-email').textContent = saved.email;
    say(`Your email is now ${saved.email}.`);
    document.getElementById('new-email').focus();
  } catch (error) {
    complain(error, EMAIL_MESSAGES);
    codeInput.focus();
  }
});

// <latch-privacy> deleted the account (and the session with it): the rest of the page has nothing left to show.
document.addEventListener('latch-account-deleted', () => {
  document.getElementById('profile').hidden = true;
  for (const panel of document.querySelectorAll('.panel')) panel.hidden = true;
});

void showProfile().catch(complain);
