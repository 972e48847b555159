// A typed door to @custom-elements-manifest/analyzer, whose own declarations export no functions. The
// analyzer parses with the TypeScript 5 it depends on (the project's TypeScript 7 has no JS API), so the
// plugins here walk that version's syntax tree.
import { createRequire } from 'node:module';
import type * as TS from '@custom-elements-manifest/analyzer/node_modules/typescript';
import type { Module, Package } from 'custom-elements-manifest/schema';

export type { TS };

/** An analyzer plugin, with the two phases Latchkey's plugins use. */
export interface AnalyzerPlugin {
  name: string;
  analyzePhase?(params: { node: TS.Node; moduleDoc: Partial<Module> }): void;
  packageLinkPhase?(params: { customElementsManifest: Package }): void;
}

interface Analyzer {
  create(options: { modules: TS.SourceFile[]; plugins: AnalyzerPlugin[] }): Package;
  ts: typeof TS;
}

const require = createRequire(import.meta.url);
const analyzer = (await import('@custom-elements-manifest/analyzer')) as unknown as Analyzer;
const lit = (await import(require.resolve('@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js'))) as {
  litPlugin(): AnalyzerPlugin[];
};

/** The analyzer's TypeScript. */
export const ts = analyzer.ts;
/** Makes a manifest of the given modules. */
export const create = analyzer.create;
/** The analyzer's Lit support (`--litelement`): `static properties`, Lit's members left out. */
export const litPlugin = lit.litPlugin;
