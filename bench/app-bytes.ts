// What an app that does `import 'latchkey'` loads before the form, as its own bundler builds it: a tiny app
// (one module, that import) built for production by Vite, webpack and esbuild, each resolving the package
// through node_modules and package.json (`exports`, `sideEffects`) as an installed copy would be.
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { build as viteBuild, type Rolldown } from 'vite';
import webpack from 'webpack';

export type Bundler = 'vite' | 'webpack' | 'esbuild';
export const BUNDLERS: readonly Bundler[] = ['vite', 'webpack', 'esbuild'];

/** What the page loads before the form: the entry file and every file it imports statically. */
export interface InitialLoad {
  bundler: Bundler;
  /** Built files, relative to the app's output folder. */
  files: string[];
  /** gzip -9 of each file, added up. */
  gzip: number;
  raw: number;
  /** The package's modules in those files, relative to the package root (`dist/…`). */
  modules: string[];
  /** Every built JavaScript file, initial or lazy. */
  allFiles: string[];
  /** The package's modules in all of them. */
  allModules: string[];
}

/**
 * Modules an app must not load before the form: the lazily defined elements' classes and the client. Each is
 * reached only through an `import()` (src/elements/lazy-tags.ts, src/controllers/client-loader.ts).
 */
export const LAZY_MODULES =
  /^dist\/(components\/(social-buttons|security|passkeys|privacy|devices|step-up|session|consent|trust)\/[\w-]+\.component\.js|client\/client\.js|analytics\/(tracker|delivery|sinks\/[\w-]+)\.js)$/;

const APP_SOURCE = `import 'latchkey';\n`;
const APP_HTML = `<!doctype html><html lang="en"><head><script type="module" src="./main.js"></script></head>
<body><latch-login issuer="/" client-id="app"></latch-login></body></html>\n`;

/** A folder holding the tiny app, with `node_modules/latchkey` linked to the package at `packageRoot`; remove it when done. */
export async function appFolder(packageRoot: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'latch-app-'));
  await mkdir(join(dir, 'node_modules'));
  await symlink(resolve(packageRoot), join(dir, 'node_modules', 'latchkey'), 'dir');
  await writeFile(join(dir, 'main.js'), APP_SOURCE);
  await writeFile(join(dir, 'index.html'), APP_HTML);
  return dir;
}

/** Package modules by their path in the package (`dist/define.js`); other packages' modules are left out. */
function ownModules(ids: Iterable<string>, packageRoot: string): string[] {
  const root = resolve(packageRoot);
  return [...new Set([...ids].map((id) => resolve(id.replace(/\?.*$/, ''))).filter((id) => id.startsWith(root + '/dist/')))].map((id) =>
    relative(root, id),
  );
}

/** The closure of `entry` over `edges` (a file's static imports). */
function closure(entry: string, edges: (file: string) => string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of edges(file)) visit(next);
  };
  visit(entry);
  return [...seen];
}

async function viteApp(app: string, out: string, packageRoot: string) {
  const result = (await viteBuild({
    configFile: false,
    root: app,
    logLevel: 'silent',
    build: { outDir: out, emptyOutDir: true, target: 'es2022' },
  })) as Rolldown.RolldownOutput;
  const chunks = new Map(result.output.flatMap((item) => (item.type === 'chunk' ? [[item.fileName, item] as const] : [])));
  const entry = [...chunks.values()].find((chunk) => chunk.isEntry)!;
  const files = closure(entry.fileName, (file) => chunks.get(file)?.imports ?? []);
  const modulesOf = (names: string[]) => ownModules(names.flatMap((f) => chunks.get(f)!.moduleIds), packageRoot);
  return { files, allFiles: [...chunks.keys()], modules: modulesOf(files), allModules: modulesOf([...chunks.keys()]) };
}

async function webpackApp(app: string, out: string, packageRoot: string) {
  const compiler = webpack({
    mode: 'production',
    context: app,
    entry: { main: './main.js' },
    output: { path: out, clean: true, filename: '[name].js', chunkFilename: '[name]-[contenthash].js' },
    devtool: false,
    performance: { hints: false },
    infrastructureLogging: { level: 'error' },
  });
  const stats = await new Promise<webpack.Stats>((done, fail) =>
    compiler.run((error, result) => (error || !result ? fail(error) : compiler.close(() => done(result)))),
  );
  if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
  const { compilation } = stats;
  const initial = [...compilation.chunks].filter((chunk) => chunk.canBeInitial());
  const files = initial.flatMap((chunk) => [...chunk.files]).filter((name) => name.endsWith('.js'));
  const allFiles = [...compilation.chunks].flatMap((chunk) => [...chunk.files]).filter((name) => name.endsWith('.js'));
  // A concatenated module (scope hoisting) holds the modules it was made of.
  const modulesOf = (chunks: webpack.Chunk[]) =>
    ownModules(
      chunks
        .flatMap((chunk) => [...compilation.chunkGraph.getChunkModulesIterable(chunk)])
        .flatMap((module) => ('modules' in module ? [...(module.modules as Iterable<webpack.Module>)] : [module]))
        .map((module) => module.nameForCondition() ?? ''),
      packageRoot,
    );
  return { files, allFiles, modules: modulesOf(initial), allModules: modulesOf([...compilation.chunks]) };
}

async function esbuildApp(app: string, out: string, packageRoot: string) {
  await rm(out, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: app,
    entryPoints: ['main.js'],
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    outdir: out,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const name = (path: string) => relative(out, resolve(app, path));
  const byName = new Map(Object.entries(outputs).map(([path, output]) => [name(path), output]));
  // Each import() is an entry point of its own to esbuild: the app's is the one built from main.js.
  const entry = [...byName].find(([, output]) => output.entryPoint === 'main.js')![0];
  const files = closure(entry, (file) =>
    (byName.get(file)?.imports ?? []).filter((i) => i.kind === 'import-statement' && !i.external).map((i) => name(i.path)),
  );
  const allFiles = [...byName.keys()].filter((f) => f.endsWith('.js'));
  const modulesOf = (names: string[]) =>
    ownModules(
      names.flatMap((file) => Object.keys(byName.get(file)!.inputs).map((input) => resolve(app, input))),
      packageRoot,
    );
  return { files, allFiles, modules: modulesOf(files), allModules: modulesOf(allFiles) };
}

const BUILDERS = { vite: viteApp, webpack: webpackApp, esbuild: esbuildApp } as const;

/**
 * Builds the tiny app with `bundler` against the package at `packageRoot` (whose dist/ must be built) into
 * `out`, and reports what loads before the form.
 */
export async function initialLoad(bundler: Bundler, packageRoot: string, out: string): Promise<InitialLoad> {
  const app = await appFolder(packageRoot);
  try {
    const built = await BUILDERS[bundler](app, out, packageRoot);
    let gzip = 0;
    let raw = 0;
    for (const file of built.files) {
      const body = await readFile(join(out, file));
      raw += body.length;
      gzip += gzipSync(body, { level: 9 }).length;
    }
    return { bundler, ...built, gzip, raw };
  } finally {
    await rm(app, { recursive: true, force: true });
  }
}
