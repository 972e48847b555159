// Sizes the browser would download: raw, gzip -9 and brotli q11 (as reference/performance.md measured them).
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { decode } from '@jridgewell/sourcemap-codec';

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

/** The sizes of one file, or undefined if it does not exist. */
export async function sizeOf(path: string): Promise<Sizes | undefined> {
  const body = await readFile(path).catch(() => undefined);
  return body && sizesOf(body);
}

function sizesOf(body: Buffer): Sizes {
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length,
  };
}

/** The npm package a bundled source came from, or `own` for this project's code (and unmapped bundler glue). */
function packageOf(source: string | undefined): string {
  return (source && /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1]) ?? 'own';
}

/**
 * Each package's share of built files: the minified code their source maps attribute to it, concatenated and
 * compressed on its own (so the compressed shares add up to a little more than the files do).
 */
export async function sizesByPackage(paths: string[]): Promise<Map<string, Sizes>> {
  const code = new Map<string, string[]>();
  for (const path of paths) {
    const lines = (await readFile(path, 'utf8')).split('\n');
    const map = JSON.parse(await readFile(`${path}.map`, 'utf8')) as { sources: string[]; mappings: string };
    decode(map.mappings).forEach((segments, line) => {
      segments.forEach(([column, source], i) => {
        const owner = packageOf(source === undefined ? undefined : map.sources[source]);
        const end = segments[i + 1]?.[0] ?? lines[line]!.length;
        let parts = code.get(owner);
        if (!parts) code.set(owner, (parts = []));
        parts.push(lines[line]!.slice(column, end));
      });
    });
  }
  return new Map([...code].map(([owner, parts]) => [owner, sizesOf(Buffer.from(parts.join('')))]));
}

/** Every file under `dir` except source maps, relative to `dir`, sorted; empty if the folder does not exist. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && !e.name.endsWith('.map'))
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

const STATIC_IMPORT = /\b(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g;
// Rolldown writes dynamic import specifiers as template literals.
const DYNAMIC_IMPORT = /\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g;

/**
 * The files an ES module entry pulls in, read from its relative import specifiers (Vite's output is plain ESM):
 * `initial` = the entry and its static imports (all loaded before it runs), `lazy` = everything behind import().
 */
export async function moduleGraph(dir: string, entry: string): Promise<{ initial: string[]; lazy: string[] }> {
  const initial = new Set<string>();
  const lazy = new Set<string>();
  const visit = async (file: string, into: Set<string>): Promise<void> => {
    if (initial.has(file) || into.has(file)) return;
    into.add(file);
    const code = await readFile(join(dir, file), 'utf8').catch(() => '');
    const at = (spec: string) => relative(dir, join(dir, dirname(file), spec));
    for (const [, spec] of code.matchAll(STATIC_IMPORT)) await visit(at(spec!), into);
    for (const [, spec] of code.matchAll(DYNAMIC_IMPORT)) await visit(at(spec!), lazy);
  };
  await visit(entry, initial);
  return { initial: [...initial], lazy: [...lazy].filter((f) => !initial.has(f)) };
}

/**
 * A lazy chunk of the script-tag build (the first under `chunks/` whose name starts with `name-`) with the files it
 * imports statically beyond the entry's own (`latchkey.js` and its static imports): what fetching it costs.
 */
export async function lazyChunkLoad(dir: string, name: string): Promise<{ files: string[]; gzip: number } | undefined> {
  const entry = await moduleGraph(dir, 'latchkey.js');
  const file = entry.lazy.find((f) => f.startsWith(`chunks/${name}-`));
  if (!file) return undefined;
  const files = (await moduleGraph(dir, file)).initial.filter((f) => !entry.initial.includes(f));
  const sizes = await Promise.all(files.map((f) => sizeOf(join(dir, f))));
  return { files, gzip: sizes.reduce((sum, size) => sum + (size?.gzip ?? 0), 0) };
}
