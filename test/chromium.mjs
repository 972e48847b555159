/** The flags that keep a headless run off the closed network (reference/toolchain.md). */
const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * How the benchmark and the end-to-end specs that use passkey autofill launch Chromium: Debian's full build (test
 * tools cannot download their own here), the browser customers run, with its browser layer: passkey autofill
 * (WebAuthn conditional mediation) exists only there.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args,
};

/**
 * How the component tests, the states gallery and the other end-to-end specs launch Chromium: Debian's
 * `chromium-headless-shell`, the same Blink and V8 without the browser layer, which these tests do not use.
 * It draws the same pixels as the full build (the gallery's baselines match both) for less CPU (a third in the
 * gallery, a sixth in the flows), the margin that keeps `.ci/run` under its time bar on a two-core machine.
 */
export const chromiumShellLaunchOptions = {
  executablePath: process.env.CHROMIUM_SHELL_PATH ?? '/usr/bin/chromium-headless-shell',
  args,
};
