import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Attribute, CustomElementDeclaration, CustomElementField } from 'custom-elements-manifest/schema';
import { ts, type AnalyzerPlugin, type TS } from './analyzer.js';

/** One entry of a Lit `static properties` object: the field's name and its options. */
interface PropertyOptions {
  name: string;
  attribute: string | false;
  reflect: boolean;
}

/**
 * The analyzer's Lit plugin reads `static properties = { a: {}, … }` but not a spread of shared options
 * (`...BACKEND_PROPERTIES`, imported from another module). This plugin reads the spread object from its
 * module and gives its fields their attributes, as Lit does at run time.
 */
export function litSpreadPropertiesPlugin(): AnalyzerPlugin {
  return {
    name: 'latchkey:lit-spread-properties',
    analyzePhase({ node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const element = moduleDoc.declarations?.find((d) => d.name === node.name!.text) as CustomElementDeclaration | undefined;
      if (!element) return;
      const attributes = spreadProperties(node).flatMap((options) => applyProperty(element, options));
      const spread = new Set(attributes.map((a) => a.name));
      element.attributes = [...attributes, ...(element.attributes ?? []).filter((a) => !spread.has(a.name))];
    },
  };
}

/** The properties the class's `static properties` object takes from spread imported objects. */
function spreadProperties(node: TS.ClassDeclaration): PropertyOptions[] {
  const member = node.members.find(
    (m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'properties' && m.modifiers?.some((k) => k.kind === ts.SyntaxKind.StaticKeyword),
  );
  const object = member && ts.isPropertyDeclaration(member) ? member.initializer : undefined;
  if (!object || !ts.isObjectLiteralExpression(object)) return [];
  return object.properties
    .filter((p) => ts.isSpreadAssignment(p) && ts.isIdentifier(p.expression))
    .flatMap((p) => {
      const literal = importedObject(node.getSourceFile(), (p as TS.SpreadAssignment).expression.getText());
      return literal ? propertiesOf(literal) : [];
    });
}

/** The object literal `name` is bound to in the module the source file imports it from (`as const` allowed). */
function importedObject(source: TS.SourceFile, name: string): TS.ObjectLiteralExpression | undefined {
  const from = source.statements
    .filter(ts.isImportDeclaration)
    .find((i) => i.importClause?.namedBindings && ts.isNamedImports(i.importClause.namedBindings) && i.importClause.namedBindings.elements.some((e) => e.name.text === name));
  if (!from || !ts.isStringLiteral(from.moduleSpecifier)) return undefined;
  const path = resolve(dirname(source.fileName), from.moduleSpecifier.text.replace(/\.js$/, '.ts'));
  const module = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
  for (const statement of module.statements.filter(ts.isVariableStatement)) {
    for (const declaration of statement.declarationList.declarations) {
      if (declaration.name.getText() !== name || !declaration.initializer) continue;
      let value: TS.Expression = declaration.initializer;
      while (ts.isAsExpression(value) || ts.isSatisfiesExpression(value)) value = value.expression;
      if (ts.isObjectLiteralExpression(value)) return value;
    }
  }
  return undefined;
}

/** Each property's attribute as Lit derives it: `attribute: 'x'`, `attribute: false`, or the lowercased name. */
function propertiesOf(literal: TS.ObjectLiteralExpression): PropertyOptions[] {
  return literal.properties.filter(ts.isPropertyAssignment).map((p) => {
    const name = p.name.getText();
    const options = ts.isObjectLiteralExpression(p.initializer) ? p.initializer.properties.filter(ts.isPropertyAssignment) : [];
    const option = (key: string) => options.find((o) => o.name.getText() === key)?.initializer;
    const attribute = option('attribute');
    return {
      name,
      attribute: attribute?.kind === ts.SyntaxKind.FalseKeyword ? false : attribute && ts.isStringLiteral(attribute) ? attribute.text : name.toLowerCase(),
      reflect: option('reflect')?.kind === ts.SyntaxKind.TrueKeyword,
    };
  });
}

/** Marks the field public and, unless `attribute: false`, links it to its attribute, which it returns. */
function applyProperty(element: CustomElementDeclaration, options: PropertyOptions): Attribute[] {
  const field = element.members?.find((m): m is CustomElementField => m.kind === 'field' && m.name === options.name);
  if (!field) return [];
  field.privacy ??= 'public';
  if (options.attribute === false) return [];
  field.attribute = options.attribute;
  if (options.reflect) field.reflects = true;
  return [{ name: options.attribute, fieldName: field.name, type: field.type, description: field.description, default: field.default }];
}
