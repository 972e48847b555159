import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ts, type AnalyzerPlugin, type TS } from './analyzer.js';
import type { CustomElementDeclaration } from 'custom-elements-manifest/schema';

/** An event class of `src/events/`: the class and the module that exports it. */
export interface EventClass {
  name: string;
  module: string;
}

/**
 * The `latch-*` event classes in `dir`, by event name, read from each class's `super('latch-…', …)` call:
 * the one place an event's name is written.
 */
export function eventClasses(dir: string, root = process.cwd()): Map<string, EventClass> {
  const found = new Map<string, EventClass>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const path = join(dir, file);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const node of source.statements.filter(ts.isClassDeclaration)) {
      const name = node.name && eventNameOf(node);
      if (name) found.set(name, { name: node.name.text, module: relative(root, path) });
    }
  }
  return found;
}

/** The event name a class passes to `super()` in its constructor, if it is a `latch-*` string. */
function eventNameOf(node: TS.ClassDeclaration): string | undefined {
  const constructor = node.members.find(ts.isConstructorDeclaration);
  for (const statement of constructor?.body?.statements ?? []) {
    if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) continue;
    const [first] = statement.expression.arguments;
    const isSuper = statement.expression.expression.kind === ts.SyntaxKind.SuperKeyword;
    if (isSuper && first && ts.isStringLiteral(first) && first.text.startsWith('latch-')) return first.text;
  }
  return undefined;
}

/**
 * Gives each `@event latch-…` of an element its event class (`LatchSignedInEvent`), so the typings hand
 * listeners the real `detail` type rather than a plain `Event`.
 */
export function eventTypesPlugin(dir: string): AnalyzerPlugin {
  return {
    name: 'latchkey:event-types',
    packageLinkPhase({ customElementsManifest }) {
      const classes = eventClasses(dir);
      for (const module of customElementsManifest.modules) {
        for (const declaration of (module.declarations ?? []) as CustomElementDeclaration[]) {
          for (const event of declaration.events ?? []) {
            const found = classes.get(event.name);
            if (found) event.type = { text: found.name, references: [{ name: found.name, module: found.module }] };
          }
        }
      }
    },
  };
}
