import { dirname, relative, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { API } from 'typescript/unstable/sync';
import { SyntaxKind, type Node, type SourceFile } from 'typescript/unstable/ast';

// Structural bars of issue 10, checked with the TypeScript compiler's own parser (TypeScript 7's API):
//
// - no import cycle among the modules under `--cycles` (default `src`). A static import or re-export counts,
//   and so does a dynamic `import()`: a lazily loaded chunk that imports its loader back still ties the
//   two modules into one (neither can be read, tested or moved alone, and the bundler has to hoist the
//   shared part into whichever chunk loads first). A type-only import (`import type`, `export type … from`)
//   does not count: it is erased and creates no dependency at run time. An import whose named bindings
//   are all `type` does count: under `verbatimModuleSyntax` it stays in the output as `import {} from`.
// - no function longer than `--max-lines` (default 150) under `--functions` (default `src/client`),
//   counted from its first token (after its doc comment) to its closing brace.
//
// Prints each finding and exits 1 when there is any. `--project` names the tsconfig whose files are read.

/** One edge of the import graph. */
interface Edge {
  from: string;
  to: string;
  line: number;
  kind: 'static' | 'dynamic';
}

/** A function over the line limit. */
export interface LongFunction {
  file: string;
  line: number;
  name: string;
  lines: number;
}

/** What the check found. */
export interface StructureReport {
  cycles: Edge[][];
  longFunctions: LongFunction[];
}

export interface StructureOptions {
  /** The tsconfig whose program is read. */
  project: string;
  /** The folder whose modules must not import each other in a circle. */
  cycles: string;
  /** The folder whose functions must stay short. */
  functions: string;
  maxLines: number;
}

const FUNCTION_KINDS = new Set<SyntaxKind>([
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.FunctionExpression,
  SyntaxKind.ArrowFunction,
  SyntaxKind.MethodDeclaration,
  SyntaxKind.Constructor,
  SyntaxKind.GetAccessor,
  SyntaxKind.SetAccessor,
]);

/** Reads the program of `options.project` and checks both bars. */
export function checkStructure(options: StructureOptions): StructureReport {
  const project = resolve(options.project);
  const api = new API({ cwd: dirname(project) });
  try {
    const program = api.updateSnapshot({ openProjects: [project] }).getProjects()[0]?.program;
    if (!program) throw new Error(`No TypeScript project at ${project}`);
    const cycleRoot = resolve(options.cycles) + '/';
    const functionRoot = resolve(options.functions) + '/';
    const files = program.getSourceFileNames().filter((name) => name.startsWith(cycleRoot) || name.startsWith(functionRoot));
    const edges: Edge[] = [];
    const longFunctions: LongFunction[] = [];
    for (const name of files) {
      const file = program.getSourceFile(name);
      if (!file || file.isDeclarationFile) continue;
      if (name.startsWith(cycleRoot)) edges.push(...importsOf(file).filter((edge) => edge.to.startsWith(cycleRoot)));
      if (name.startsWith(functionRoot)) longFunctions.push(...functionsOver(file, options.maxLines));
    }
    return { cycles: findCycles(edges), longFunctions };
  } finally {
    api.close();
  }
}

/** The relative imports of a file that exist at run time, resolved to `.ts` files. */
function importsOf(file: SourceFile): Edge[] {
  const edges: Edge[] = [];
  const add = (specifier: Node | undefined, at: Node, kind: Edge['kind']) => {
    if (specifier?.kind !== SyntaxKind.StringLiteral) return;
    const to = resolveModule(file.fileName, (specifier as Node & { text: string }).text);
    if (to) edges.push({ from: file.fileName, to, line: lineOf(file, at), kind });
  };
  const visit = (node: Node): void => {
    const n = node as Node & Record<string, unknown>;
    if (node.kind === SyntaxKind.ImportDeclaration) {
      const clause = n.importClause as { isTypeOnly?: boolean } | undefined;
      if (!clause?.isTypeOnly) add(n.moduleSpecifier as Node, node, 'static');
      return;
    }
    if (node.kind === SyntaxKind.ExportDeclaration) {
      if (!n.isTypeOnly) add(n.moduleSpecifier as Node | undefined, node, 'static');
      return;
    }
    if (node.kind === SyntaxKind.CallExpression && (n.expression as Node).kind === SyntaxKind.ImportKeyword) {
      add((n.arguments as Node[])[0], node, 'dynamic');
    }
    node.forEachChild(visit);
  };
  file.forEachChild(visit);
  return edges;
}

/** `./x.js` → `./x.ts` (or `./x/index.ts`); bare package names are not ours. */
function resolveModule(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier).replace(/\.(js|ts)$/, '');
  return [`${base}.ts`, `${base}/index.ts`].find((candidate) => existsSync(candidate));
}

function lineOf(file: SourceFile, node: Node): number {
  return file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
}

/** Every function, method or arrow of a file longer than `max` lines. */
function functionsOver(file: SourceFile, max: number): LongFunction[] {
  const found: LongFunction[] = [];
  const visit = (node: Node): void => {
    if (FUNCTION_KINDS.has(node.kind)) {
      const first = lineOf(file, node);
      const lines = file.getLineAndCharacterOfPosition(node.end).line + 2 - first;
      if (lines > max) found.push({ file: file.fileName, line: first, name: functionName(node), lines });
    }
    node.forEachChild(visit);
  };
  file.forEachChild(visit);
  return found;
}

/** A function's own name, or the name of the variable or property it is assigned to. */
function functionName(node: Node): string {
  const own = (node as Node & { name?: Node & { text?: string } }).name;
  if (own?.text) return own.text;
  if (node.kind === SyntaxKind.Constructor) return 'constructor';
  const holder = node.parent as Node & { name?: Node & { text?: string } };
  return holder?.name?.text ?? '(anonymous)';
}

/** Tarjan's strongly connected components; each component of two or more modules (or a self-import) is a cycle. */
function findCycles(edges: Edge[]): Edge[][] {
  const out = new Map<string, Edge[]>();
  for (const edge of edges) out.set(edge.from, [...(out.get(edge.from) ?? []), edge]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const { to } of out.get(node) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    components.push(component);
  };
  for (const node of out.keys()) if (!index.has(node)) connect(node);
  return components
    .filter((component) => component.length > 1 || out.get(component[0]!)?.some((edge) => edge.to === component[0]))
    .map((component) => cycleThrough(new Set(component), out));
}

/** One concrete circle inside a strongly connected component, as the edges that make it. */
function cycleThrough(component: Set<string>, out: Map<string, Edge[]>): Edge[] {
  const start = [...component].sort()[0]!;
  const previous = new Map<string, Edge>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const edge of out.get(node) ?? []) {
      if (!component.has(edge.to)) continue;
      if (edge.to === start) {
        const path = [edge];
        for (let at = node; at !== start; at = previous.get(at)!.from) path.unshift(previous.get(at)!);
        return path;
      }
      if (!previous.has(edge.to)) {
        previous.set(edge.to, edge);
        queue.push(edge.to);
      }
    }
  }
  return [];
}

function report(result: StructureReport, maxLines: number): string[] {
  const show = (file: string) => relative(process.cwd(), file);
  const lines: string[] = [];
  for (const cycle of result.cycles) {
    lines.push(`import cycle: ${[...cycle.map((edge) => show(edge.from)), show(cycle[0]!.from)].join(' → ')}`);
    for (const edge of cycle) lines.push(`  ${show(edge.from)}:${edge.line} imports ${show(edge.to)} (${edge.kind})`);
  }
  for (const found of result.longFunctions) {
    lines.push(`function over ${maxLines} lines: ${show(found.file)}:${found.line} ${found.name} (${found.lines} lines)`);
  }
  return lines;
}

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const options: StructureOptions = {
    project: option(args, 'project', 'tsconfig.json'),
    cycles: option(args, 'cycles', 'src'),
    functions: option(args, 'functions', 'src/client'),
    maxLines: Number(option(args, 'max-lines', '150')),
  };
  const result = checkStructure(options);
  const found = report(result, options.maxLines);
  for (const line of found) console.log(line);
  console.log(
    found.length === 0
      ? `structure: no import cycle in ${options.cycles}, no function over ${options.maxLines} lines in ${options.functions}`
      : `structure: ${result.cycles.length} import cycle(s), ${result.longFunctions.length} long function(s)`,
  );
  process.exitCode = found.length === 0 ? 0 : 1;
}
