// Sizes the browser would download: raw, gzip -9 and brotli q11 (as reference/performance.md measured them).
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

/** The sizes of one file, or undefined if it does not exist. */
export async function sizeOf(path: string): Promise<Sizes | undefined> {
  const body = await readFile(path).catch(() => undefined);
  if (!body) return undefined;
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length,
  };
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
const DYNAMIC_IMPORT = /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

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
