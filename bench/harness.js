// Loaded as a classic script right before the widget's module script (no inline scripts: strict CSP).
// Records when the page starts on the widget and the first moment its input is visible and enabled.
// Checking in the page is the accurate way (a Playwright-side poll costs a CDP round trip per check and stamps
// the time in another process): on every light-DOM mutation (right after the render that adds or enables the
// input, before any later task), and on every animation frame and 4 ms timer for inputs in shadow roots.
(() => {
  const { host, input } = document.currentScript.dataset;
  const bench = { start: performance.now(), form: undefined, loads: {}, cspViolations: [], widgetErrors: [] };
  window.__bench = bench;

  // Script `load` does not bubble; capture it to time parse + compile + evaluate of the widget.
  document.addEventListener('load', (event) => {
    if (event.target instanceof HTMLScriptElement) bench.loads[event.target.src] = performance.now();
  }, true);
  // A widget that ends in an error state is not the page being measured: the run fails instead.
  document.addEventListener('latch-error', (event) => bench.widgetErrors.push(event.detail?.code ?? 'unknown'));
  document.addEventListener('securitypolicyviolation', (event) => {
    bench.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });

  const find = () =>
    document.querySelector(`${host} ${input}`) ?? document.querySelector(host)?.shadowRoot?.querySelector(input);
  const check = () => {
    if (bench.form !== undefined) return true;
    const el = find();
    if (!el || el.matches(':disabled')) return false;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    bench.form = performance.now();
    return true;
  };
  const deadline = bench.start + 30_000;
  const onFrame = () => { if (!check() && performance.now() < deadline) requestAnimationFrame(onFrame); };
  const onTimer = () => { if (!check() && performance.now() < deadline) setTimeout(onTimer, 4); };
  const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
  requestAnimationFrame(onFrame);
  setTimeout(onTimer, 4);
})();
