import { spawnSync } from 'node:child_process';
import { FRAMEWORK_APPS, type Command, type FrameworkApp } from '../demo/frameworks/apps.js';

// `npm run frameworks:check [name…]`: each framework app under demo/frameworks/ (apps.ts) type-checked with
// its strict settings, templates included, then built for production. An app passes when both succeed.
// Needs dist/ (`npm run build`): the apps import the package by name. Closes with `N passed, N failed`.

/** Runs one command from the repository root, its output shown; true when it exits 0. */
function run([program, ...args]: Command): boolean {
  const result = spawnSync(program!, args, { stdio: 'inherit' });
  return result.status === 0;
}

/** Type-checks, then builds; the build is skipped when the check fails. */
function check(app: FrameworkApp): boolean {
  console.log(`\n── ${app.name}: type-check`);
  if (!run(app.typecheck)) return false;
  console.log(`── ${app.name}: build`);
  return run(app.build);
}

const wanted = process.argv.slice(2);
const apps = FRAMEWORK_APPS.filter((app) => wanted.length === 0 || wanted.includes(app.name));
const unknown = wanted.filter((name) => !FRAMEWORK_APPS.some((app) => app.name === name));
if (unknown.length) console.error(`no framework app named ${unknown.join(', ')}`);

const failed = apps.filter((app) => !check(app)).map((app) => app.name);
console.log(`\n${failed.length ? `failed: ${failed.join(', ')}` : 'every framework app type-checks and builds'}`);
console.log(`frameworks: ${apps.length - failed.length} passed, ${failed.length + unknown.length} failed`);
process.exitCode = failed.length + unknown.length ? 1 : 0;
