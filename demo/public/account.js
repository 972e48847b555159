// The storefront's account page, talking to its own API through <latch-step-up>'s fetch(): a request
// that needs a fresher or stronger sign-in opens "Confirm it's you", then completes. Server strings go in
// as text only.
const stepUp = document.querySelector('latch-step-up');
const result = document.getElementById('result');
const problem = document.getElementById('problem');

/** What the page says when a step-up did not happen (the widget's error codes are stable). */
const STEP_UP_MESSAGES = {
  LATCH_STEP_UP_CANCELLED: "You didn't confirm it's you, so nothing was changed.",
  LATCH_STEP_UP_UNMET:
    "Closing an account needs a hardware security key, which we can't check yet. Nothing was changed; contact support to close your account.",
  LATCH_STEP_UP_FAILED: "You confirmed it's you, but the store still refused. Nothing was changed; please try again later.",
  LATCH_NOT_SIGNED_IN: 'Please sign in again.',
};

function say(text) {
  problem.textContent = '';
  result.textContent = text;
}

function complain(error) {
  result.textContent = '';
  problem.textContent = STEP_UP_MESSAGES[error?.code] ?? 'Something went wrong. Please try again.';
}

async function api(path, init) {
  await customElements.whenDefined('latch-step-up');
  return stepUp.fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } });
}

async function showProfile() {
  // A visitor who is not signed in is told so without asking the API, whose 401 the browser would log.
  // The session lives with the backend: this origin's on one origin, id.<domain>'s beside the store on www.
  const sessionUrl = new URL('/session', new URL(stepUp.getAttribute('issuer') ?? '/', location.href));
  const session = await fetch(sessionUrl, { credentials: 'include', headers: { accept: 'application/json' } }).then((answer) => answer.json());
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

document.getElementById('email-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const email = new FormData(event.target).get('email');
  try {
    const response = await api('/api/email', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const saved = await response.json();
    document.getElementById('profile-email').textContent = saved.email;
    say(`Your email is now ${saved.email}.`);
  } catch (error) {
    complain(error);
  }
});

document.getElementById('close-account').addEventListener('click', async () => {
  try {
    const response = await api('/api/account', { method: 'DELETE' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    say('Your account is closed.');
  } catch (error) {
    complain(error);
  }
});

void showProfile().catch(complain);
