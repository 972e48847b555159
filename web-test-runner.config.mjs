import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { defaultReporter } from '@web/test-runner';
import { chromiumLaunchOptions } from './test/chromium.mjs';
import { countReporter } from './test/wtr-count-reporter.mjs';

// Component and unit tests in Debian's Chromium (toolchain.md §1: the tsconfig must be passed so
// esbuild honours experimentalDecorators; Lit's dev-mode notice is filtered).
export default {
  files: 'test/{analytics,client,components,controllers,elements,experiments,protocol,themes,translations}/**/*.test.ts',
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: chromiumLaunchOptions,
    }),
  ],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  reporters: [defaultReporter(), countReporter()],
  staticLogging: !!process.env.CI,
  testFramework: { config: { timeout: 5000 } },
};
