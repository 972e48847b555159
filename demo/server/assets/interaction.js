// The provider's login page (demo/server/interaction.ts): once <latch-login> signs the user in, tell the
// server which interaction to finish (or which upstream identity to link), then resume the authorization.
const main = document.querySelector('main[data-interaction]');

if (main) {
  const base = `/interaction/${encodeURIComponent(main.dataset.interaction)}`;
  const status = main.querySelector('[data-status]');

  const submit = async (action) => {
    status.textContent = '';
    try {
      const response = await fetch(`${base}/${action}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
        credentials: 'same-origin',
      });
      const body = await response.json();
      if (response.ok && typeof body.redirect_to === 'string') {
        location.assign(body.redirect_to);
        return;
      }
      status.textContent = body.error_description ?? 'Something went wrong. Try again.';
    } catch {
      status.textContent = 'The server could not be reached. Try again.';
    }
  };

  document.addEventListener('latch-signed-in', () => submit(main.dataset.action));
  main.querySelector('[data-cancel]').addEventListener('click', () => submit('abort'));
}
