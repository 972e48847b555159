import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { defaultReporter } from '@web/test-runner';
import { chromiumShellLaunchOptions } from './test/chromium.mjs';
import { countReporter } from './test/wtr-count-reporter.mjs';

// Component and unit tests in Debian's Chromium headless shell (test/chromium.mjs; toolchain.md §1: the tsconfig must be passed so
// esbuild honours experimentalDecorators; Lit's dev-mode notice is filtered).
export default {
  files: 'test/{analytics,client,components,controllers,elements,experiments,protocol,themes,translations}/**/*.test.ts',
  nodeResolve: true,
  // One test file at a time. Two at a time was a fifth faster, but the files' pages share this origin's storage, so
  // one file's consent choice reached another's banner as another tab's (storage events): the consent banner's
  // "Reject all" test failed in two of three clean-clone runs.
  concurrency: 1,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: chromiumShellLaunchOptions,
    }),
  ],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  reporters: [defaultReporter(), countReporter()],
  staticLogging: !!process.env.CI,
  testFramework: { config: { timeout: 5000 } },
};
