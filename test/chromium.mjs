/**
 * How every test and benchmark launches Chromium: Debian's build (test tools cannot download their own
 * here), with the flags that keep a headless run off the closed network (reference/toolchain.md).
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
