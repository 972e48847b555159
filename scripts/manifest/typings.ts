import type { ClassField, CustomElementDeclaration, Package } from 'custom-elements-manifest/schema';

/** What the framework typings need to know of one element, read from the manifest. */
export interface ElementApi {
  tag: string;
  className: string;
  summary: string;
  /** Writable public fields: React 19, Vue and Svelte set these as properties. */
  properties: { name: string; description: string }[];
  /** Attributes whose name differs from their field's (`client-id`), typed as that field. */
  attributes: { name: string; fieldName: string; description: string }[];
  /** `latch-*` events with their class (`LatchSignedInEvent`). */
  events: { name: string; type: string; description: string }[];
}

/** The elements of a manifest, in tag order. */
export function elementsOf(manifest: Package): ElementApi[] {
  const declarations = manifest.modules.flatMap((m) => (m.declarations ?? []) as CustomElementDeclaration[]);
  return declarations
    .filter((d) => d.customElement && d.tagName)
    .map((d) => ({
      tag: d.tagName!,
      className: d.name,
      summary: d.summary ?? '',
      properties: (d.members ?? [])
        .filter((m): m is ClassField => m.kind === 'field' && m.privacy === 'public' && !m.static && !m.readonly)
        .map((m) => ({ name: m.name, description: m.description ?? '' })),
      attributes: (d.attributes ?? [])
        .filter((a) => a.fieldName && a.fieldName !== a.name)
        .map((a) => ({ name: a.name, fieldName: a.fieldName!, description: a.description ?? '' })),
      events: (d.events ?? []).map((e) => ({ name: e.name, type: e.type?.text ?? 'Event', description: e.description ?? '' })),
    }))
    .sort((a, b) => a.tag.localeCompare(b.tag));
}

/** A one-line JSDoc comment, or nothing for an empty text. */
const doc = (text: string, indent = '  '): string => (text ? `${indent}/** ${text.replace(/\s+/g, ' ').replace(/\*\//g, '*\\/')} */\n` : '');

/** The type names to import from the package's elements entry: element classes and event classes. */
function importsOf(elements: ElementApi[], from: string): string {
  const names = new Set(elements.flatMap((e) => [e.className, ...e.events.map((v) => v.type).filter((t) => t !== 'Event')]));
  return `import type { ${[...names].sort().join(', ')} } from '${from}';\n`;
}

/** Property and attribute members of an element's props, each typed as the class's own field. */
function valueMembers(element: ElementApi): string {
  const properties = element.properties.map((p) => `${doc(p.description)}  ${p.name}?: ${element.className}['${p.name}'];\n`);
  const attributes = element.attributes.map((a) => `${doc(a.description)}  '${a.name}'?: ${element.className}['${a.fieldName}'];\n`);
  return [...properties, ...attributes].join('');
}

/** Event listener props `on<event-name>`, as React 19 and Svelte 5 pass them to a custom element. */
function listenerMembers(element: ElementApi): string {
  return element.events.map((e) => `${doc(e.description)}  'on${e.name}'?: (event: ${e.type}) => void;\n`).join('');
}

const HEADER = '// Generated from custom-elements.json by scripts/manifest/build.ts. Do not edit.\n';

/**
 * React 19 JSX typings: React 19 sets a custom element's known properties as properties (others as
 * attributes) and passes `on<event>` props as listeners of that event name, case kept (`onlatch-signed-in`).
 */
export function reactTypings(elements: ElementApi[], from: string): string {
  const props = elements.map(
    (e) =>
      `/** Props of \`<${e.tag}>\` in React 19. ${e.summary} */\nexport interface ${e.className}Props extends HTMLAttributes<${e.className}>, RefAttributes<${e.className}> {\n${valueMembers(e)}${listenerMembers(e)}}\n`,
  );
  const intrinsics = elements.map((e) => `      '${e.tag}': ${e.className}Props;\n`).join('');
  return `${HEADER}import type { HTMLAttributes, RefAttributes } from 'react';\n${importsOf(elements, from)}\n${props.join('\n')}
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${intrinsics}    }
  }
}
`;
}

/** `latch-signed-in` → `onLatchSignedIn`: the prop Vue compiles `@latch-signed-in` to. */
const vueListener = (event: string): string => `on${event.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase())}`;

/**
 * Vue 3 typings: each tag a `GlobalComponents` entry (the shape of Vue's guide, "Web Components and
 * TypeScript") whose `$props` are the element's fields and attributes and a typed listener per event, as
 * Vue compiles `@latch-signed-in` (`onLatchSignedIn`), so strict templates check all three.
 */
export function vueTypings(elements: ElementApi[], from: string): string {
  const props = elements.map((e) => {
    const listeners = e.events.map((v) => `${doc(v.description)}  ${vueListener(v.name)}?: (event: ${v.type}) => void;\n`).join('');
    return `/** Props of \`<${e.tag}>\` in Vue templates. ${e.summary} */\nexport interface ${e.className}Props {\n${valueMembers(e)}${listeners}}\n`;
  });
  const components = elements.map((e) => `    '${e.tag}': LatchCustomElement<${e.className}, ${e.className}Props>;\n`).join('');
  return `${HEADER}import type { HTMLAttributes } from 'vue';\n${importsOf(elements, from)}
/** A custom element as Vue's template type checker sees it. */
type LatchCustomElement<Element extends HTMLElement, Props> = new () => Element & {
  /** @deprecated For template type checks only; set properties on the element itself. */
  $props: HTMLAttributes & Props;
};

${props.join('\n')}
declare module 'vue' {
  interface GlobalComponents {
${components}  }
}
`;
}

/**
 * Svelte 5 typings: `svelte/elements` augmented with each tag. Svelte 5 sets a custom element's known
 * properties as properties and passes `on<event>` attributes as listeners of that event name.
 */
export function svelteTypings(elements: ElementApi[], from: string): string {
  const props = elements.map(
    (e) => `/** Attributes of \`<${e.tag}>\` in Svelte 5. ${e.summary} */\nexport interface ${e.className}Attributes extends HTMLAttributes<${e.className}> {\n${valueMembers(e)}${listenerMembers(e)}}\n`,
  );
  const tags = elements.map((e) => `    '${e.tag}': ${e.className}Attributes;\n`).join('');
  return `${HEADER}import type { HTMLAttributes } from 'svelte/elements';\n${importsOf(elements, from)}\n${props.join('\n')}
declare module 'svelte/elements' {
  interface SvelteHTMLElements {
${tags}  }
}
`;
}
