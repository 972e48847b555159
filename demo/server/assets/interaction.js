// The provider's login page (demo/server/interaction.ts): once <latch-login> signs the user in, tell the
// server which interaction to finish (or which upstream identity to link), then resume the authorization.
// A step-up request (RFC 9470 §4) first has <latch-step-up> raise the session to the level asked for.
const main = document.querySelector('main[data-interaction]');

if (main) {
  const base = `/interaction/${encodeURIComponent(main.dataset.interaction)}`;
  const status = main.querySelector('[data-status]');
  const confirm = main.querySelector('[data-confirm]');

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

  /**
   * Raises the session to the requested level (a fresh authentication too, with `data-max-age`), then
   * finishes. The element asks the challenge endpoint, which answers at once when the session already
   * suffices; a level this account cannot reach ends the request with `unmet_authentication_requirements`.
   */
  const stepUpThenFinish = async (requirement) => {
    if (confirm) confirm.hidden = true;
    await customElements.whenDefined('latch-step-up');
    try {
      await main.querySelector('latch-step-up').requireStepUp(requirement);
    } catch (error) {
      if (error?.code === 'LATCH_STEP_UP_UNMET') return submit('unmet');
      // Cancelled (or failed, which the dialog already said): the user may try again or cancel the sign-in.
      if (confirm) {
        confirm.hidden = false;
        confirm.focus();
      }
      if (error?.code !== 'LATCH_STEP_UP_CANCELLED') status.textContent = 'Something went wrong. Try again.';
      return;
    }
    return submit('finish');
  };

  const acr = (main.dataset.acrValues ?? '').split(' ').filter(Boolean);
  const maxAge = main.dataset.maxAge === undefined ? undefined : Number(main.dataset.maxAge);
  const requirement = { ...(acr.length ? { acr } : {}), ...(maxAge === undefined ? {} : { maxAge }) };

  if (main.dataset.stepUp === 'now') {
    confirm?.addEventListener('click', () => stepUpThenFinish(requirement));
    void stepUpThenFinish(requirement);
  } else if (main.dataset.stepUp === 'after-sign-in') {
    // A sign-in just happened, so it is fresh; only the level may still fall short.
    document.addEventListener('latch-signed-in', () => stepUpThenFinish(acr.length ? { acr } : {}));
  } else {
    document.addEventListener('latch-signed-in', () => submit(main.dataset.action));
  }
  main.querySelector('[data-cancel]').addEventListener('click', () => submit('abort'));
}
