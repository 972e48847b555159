import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { defaultReporter } from '@web/test-runner';
import { chromiumShellLaunchOptions } from './test/chromium.mjs';
import { countReporter } from './test/wtr-count-reporter.mjs';
import { widgetConfigServer } from './test/experiments/widget-config-server.mjs';

// Component and unit tests in Debian's Chromium headless shell (test/chromium.mjs; toolchain.md §1: the tsconfig must be passed so
// esbuild honours experimentalDecorators; Lit's dev-mode notice is filtered).
export default {
  files: 'test/{analytics,client,components,controllers,elements,experiments,protocol,themes,translations}/**/*.test.ts',
  nodeResolve: true,
  // One test file at a time. Two at a time was a fifth faster, but the consent banner's "Reject all" test then failed
  // in two of three clean-clone runs. Not shared storage: each file's page has a browser context of its own
  // (@web/test-runner-playwright makes one per page); the cause was not found, and one at a time has held since.
  concurrency: 1,
  // The widget config endpoint `config-url` reads (test/experiments/remote-config.test.ts).
  middleware: [widgetConfigServer()],
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
