// Writes docs/schemas/<Name>.json (JSON Schema draft 2020-12) for every schema exported by
// src/protocol/index.ts, so backend teams can validate messages without reading TypeScript.
// `--check` writes nothing and exits 1 when a file on disk differs (for CI).
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import * as protocol from '../src/protocol/index.js';

const OUT_DIR = fileURLToPath(new URL('../docs/schemas/', import.meta.url));
// A URN, not a URL: the schemas are published in this repository, under no domain of ours.
const ID_BASE = `urn:latchkey:profile:${protocol.PROFILE_VERSION}:schema:`;

function isSchema(value: unknown): value is z.ZodMiniType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/**
 * `{ type: 'number', multipleOf: 1 }` (how src/protocol spells a whole number to keep the browser bundle
 * small) becomes `{ type: 'integer' }`: the same set of values, and what code generators map to an int.
 */
function preferInteger(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(preferInteger);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node).map(([key, value]) => [key, preferInteger(value)] as const);
  const object = Object.fromEntries(entries) as Record<string, unknown>;
  if (object.type === 'number' && object.multipleOf === 1) {
    delete object.multipleOf;
    object.type = 'integer';
  }
  return object;
}

/** name → file contents, in export order. */
function render(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, value] of Object.entries(protocol).sort(([a], [b]) => a.localeCompare(b))) {
    if (!isSchema(value)) continue;
    // `io: 'input'` describes what a sender may put on the wire; refinements (e.g. URL checks) have no
    // JSON Schema form and are described in docs/protocol.md instead.
    const schema = z.toJSONSchema(value, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
    const document = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `${ID_BASE}${name}`,
      title: name,
      ...Object.fromEntries(Object.entries(preferInteger(schema) as object).filter(([key]) => key !== '$schema')),
    };
    files.set(`${name}.json`, `${JSON.stringify(document, null, 2)}\n`);
  }
  return files;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const files = render();
  const existing = new Set((await readdir(OUT_DIR).catch(() => [] as string[])).filter((file) => file.endsWith('.json')));

  if (check) {
    const stale: string[] = [];
    for (const [file, contents] of files) {
      const onDisk = await readFile(join(OUT_DIR, file), 'utf8').catch(() => undefined);
      if (onDisk !== contents) stale.push(file);
    }
    for (const file of existing) if (!files.has(file)) stale.push(`${file} (no longer exported)`);
    if (stale.length) {
      console.error(`docs/schemas is out of date; run \`npm run schemas\`:\n  ${stale.join('\n  ')}`);
      process.exit(1);
    }
    console.log(`docs/schemas: ${files.size} schemas up to date`);
    return;
  }

  await mkdir(OUT_DIR, { recursive: true });
  for (const file of existing) if (!files.has(file)) await rm(join(OUT_DIR, file));
  for (const [file, contents] of files) await writeFile(join(OUT_DIR, file), contents);
  console.log(`docs/schemas: wrote ${files.size} schemas`);
}

await main();
