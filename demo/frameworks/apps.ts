// The framework example apps under demo/frameworks/: one entry each. scripts/frameworks.ts type-checks and
// builds every app (`npm run frameworks:check`); playwright.config.ts starts each app's own dev server for
// the `frameworks` e2e project (test/e2e/frameworks/<name>.spec.ts) on the e2e port plus `portOffset`.
//
// Every app imports the package by name (`import 'latchkey'`, types from `latchkey/react` and the like):
// inside this repository that is the package's self-reference, resolved through package.json `exports` to
// dist/, so `npm run build` comes first. Framework dependencies are root devDependencies (one `npm ci`),
// except Angular's and Svelte's: those apps are npm workspaces (their own package.json, installed by the same
// `npm ci`) because their checkers take TypeScript by a plain `require('typescript')` and Angular 21 accepts
// only TypeScript 5.9. vue-tsc gets TypeScript 6 from the `latchkey-frameworks-typescript` devDependency
// (demo/frameworks/typescript; vue/vue-tsc.mjs shows how). The root's TypeScript 7 is the native compiler,
// without the JS API those checkers need.

/** A command: the program and its arguments, run from the repository root. */
export type Command = readonly string[];

/** One framework app. */
export interface FrameworkApp {
  /** Its folder under demo/frameworks/ and the name the e2e spec and the check print. */
  name: string;
  /** Strict type-check of the app, templates included. */
  typecheck: Command;
  /** Production build (into demo/frameworks/<name>/dist/). */
  build: Command;
  /** The app's own dev server; it reads `PORT` and `LATCH_BACKEND` (see dev-server.ts). */
  dev: Command;
  /** Its dev server's port in the e2e suite: E2E_PORT + this. */
  portOffset: number;
}

const vite = (name: string, command: 'build' | 'dev'): Command =>
  command === 'build' ? ['npx', 'vite', 'build', '--config', `demo/frameworks/${name}/vite.config.ts`] : ['npx', 'vite', '--config', `demo/frameworks/${name}/vite.config.ts`];

/** A script of an app that is an npm workspace (its own package.json and TypeScript), run in its folder. */
const workspace = (name: string, script: 'typecheck' | 'build' | 'dev'): Command => ['npm', 'run', script, '--workspace', `demo/frameworks/${name}`];

export const FRAMEWORK_APPS: readonly FrameworkApp[] = [
  {
    name: 'react',
    typecheck: ['npx', 'tsc', '-p', 'demo/frameworks/react/tsconfig.json'],
    build: vite('react', 'build'),
    dev: vite('react', 'dev'),
    portOffset: 21,
  },
  {
    name: 'vue',
    typecheck: ['node', 'demo/frameworks/vue/vue-tsc.mjs', '-p', 'demo/frameworks/vue/tsconfig.json'],
    build: vite('vue', 'build'),
    dev: vite('vue', 'dev'),
    portOffset: 22,
  },
  {
    // An npm workspace with its own package.json: Angular 21's compiler needs TypeScript 5.9 (README "Angular").
    name: 'angular',
    typecheck: workspace('angular', 'typecheck'),
    build: workspace('angular', 'build'),
    dev: workspace('angular', 'dev'),
    portOffset: 23,
  },
  {
    // An npm workspace with its own package.json: svelte-check runs on its TypeScript 5.9 (README "Svelte").
    name: 'svelte',
    typecheck: workspace('svelte', 'typecheck'),
    build: workspace('svelte', 'build'),
    dev: workspace('svelte', 'dev'),
    portOffset: 24,
  },
];
