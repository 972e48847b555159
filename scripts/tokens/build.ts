// Design tokens (W3C DTCG format, src/themes/tokens.json) to what the project ships: the Lit `css` fragments
// of src/themes/palette.ts, the token table of docs/theming.md and the playground's defaults. Pure functions
// (no file system), so the browser tests run them too.

/** Latchkey's DTCG extension (reverse-domain key, DTCG §5.2.3). */
const EXTENSION = 'dev.latchkey';

/** What Latchkey reads from `$extensions["dev.latchkey"]`. */
export interface TokenExtension {
  /** A colour's dark value, published as the token's name plus `-dark`. */
  dark?: string;
  /** The system colour under `forced-colors: active`. */
  forced?: string;
  /** Scaled by `--latch-density`. */
  density?: boolean;
  /** The value under `prefers-reduced-motion: reduce`. */
  reduced?: unknown;
  /** An alias scaled by this factor. */
  multiply?: number;
  /** On a group: the element tier's elements. */
  elements?: string[];
  /**
   * On an element tier: its elements declare no global tokens of their own (they read their container's, like
   * the social buttons inside `<latch-login>`), so its aliases carry the globals' full defaults as fallbacks.
   */
  standalone?: boolean;
  /**
   * On an element tier of a lazily loaded element: the module its fragment is written to (next to the element),
   * so its tokens load with the element's chunk instead of with the shared palette before the sign-in form.
   */
  module?: string;
}

/** One token, flattened. */
export interface Token {
  /** The DTCG path: `color.primary`. */
  path: string;
  type: string;
  value: unknown;
  description: string;
  extension: TokenExtension;
  /** The element tier's elements; undefined for a global token. */
  elements?: string[];
  /** The element tier is `standalone` (see {@link TokenExtension}). */
  standalone?: boolean;
  /** The element tier's own module (see {@link TokenExtension}); undefined: src/themes/palette.ts. */
  module?: string;
}

type Group = Record<string, unknown>;

const isGroup = (node: unknown): node is Group => typeof node === 'object' && node !== null && !Array.isArray(node);

/** Reads the DTCG document into its tokens, inheriting `$type` from groups (DTCG §6.3). */
export function parseTokens(document: Group): Token[] {
  const tokens: Token[] = [];
  type Tier = Pick<Token, 'elements' | 'standalone' | 'module'>;
  const walk = (group: Group, path: string[], type: string | undefined, tier: Tier) => {
    for (const [key, node] of Object.entries(group)) {
      if (key.startsWith('$') || !isGroup(node)) continue;
      const nodeType = typeof node.$type === 'string' ? node.$type : type;
      const extension = ((node.$extensions as Group | undefined)?.[EXTENSION] ?? {}) as TokenExtension;
      if (!('$value' in node)) {
        walk(node, [...path, key], nodeType, extension.elements ? { elements: extension.elements, standalone: extension.standalone, module: extension.module } : tier);
        continue;
      }
      if (!nodeType) throw new Error(`tokens: ${[...path, key].join('.')} has no $type`);
      const description = typeof node.$description === 'string' ? node.$description : '';
      tokens.push({ path: [...path, key].join('.'), type: nodeType, value: node.$value, description, extension, ...tier });
    }
  };
  walk(document, [], undefined, {});
  return tokens;
}

/** `--latch-color-primary`: the public custom property a page sets. */
export const publicName = (token: Token): string => `--latch-${token.path.replaceAll('.', '-')}`;

/** `--_primary`: the private copy the elements read (stable names, used across src/). */
export function privateName(token: Token): string {
  const name = token.path.replaceAll('.', '-');
  if (name === 'font-family') return '--_font';
  return `--_${name.replace(/^color-/, '')}`;
}

const ALIAS = /^\{([^}]+)\}$/;

function dimension(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isGroup(value) && typeof value.value === 'number' && typeof value.unit === 'string') {
    return `${value.value}${value.unit}`;
  }
  throw new Error(`tokens: not a dimension: ${JSON.stringify(value)}`);
}

function shadow(value: unknown): string {
  const layers = Array.isArray(value) ? value : [value];
  return layers
    .map((layer: Group) => {
      const parts = [layer.offsetX, layer.offsetY, layer.blur, layer.spread].map(dimension);
      return `${layer.inset ? 'inset ' : ''}${parts.join(' ')} ${String(layer.color)}`;
    })
    .join(', ');
}

function fontFamily(value: unknown): string {
  const names = Array.isArray(value) ? value : [value];
  return names.map((name: string) => (/^[a-z-]+$/i.test(name) ? name : `'${name}'`)).join(', ');
}

/** A literal `$value` as CSS text, by `$type` (DTCG §8). */
export function literal(type: string, value: unknown): string {
  switch (type) {
    case 'dimension':
    case 'duration':
      return dimension(value);
    case 'shadow':
      return shadow(value);
    case 'fontFamily':
      return fontFamily(value);
    case 'color':
      return isGroup(value) && typeof value.hex === 'string' ? value.hex : String(value);
    default:
      return String(value);
  }
}

/** Resolves tokens by path, and writes each one's CSS. */
export class TokenSet {
  readonly byPath: Map<string, Token>;

  constructor(readonly tokens: Token[]) {
    this.byPath = new Map(tokens.map((token) => [token.path, token]));
  }

  get globals(): Token[] {
    return this.tokens.filter((token) => !token.elements);
  }

  get tiers(): Map<string, Token[]> {
    const tiers = new Map<string, Token[]>();
    for (const token of this.tokens) {
      if (!token.elements) continue;
      const group = token.path.split('.')[0]!;
      tiers.set(group, [...(tiers.get(group) ?? []), token]);
    }
    return tiers;
  }

  /** The token an alias `{color.primary}` names; throws on an unknown one. */
  target(token: Token): Token | undefined {
    const match = typeof token.value === 'string' ? ALIAS.exec(token.value) : null;
    if (!match) return undefined;
    const target = this.byPath.get(match[1]!);
    if (!target) throw new Error(`tokens: ${token.path} aliases unknown {${match[1]}}`);
    if (target === token) throw new Error(`tokens: ${token.path} aliases itself`);
    return target;
  }

  /**
   * The default, as CSS: a literal, or the aliased token's private copy, which the element declares too (a
   * standalone tier's falls back to the global's own definition, for when no container declared it).
   */
  defaultOf(token: Token, theme: 'light' | 'dark' = 'light'): string {
    const target = this.target(token);
    if (!target) return literal(token.type, theme === 'dark' && token.extension.dark ? token.extension.dark : token.value);
    const reference = token.standalone ? `var(${privateName(target)}, ${this.expression({ ...target, standalone: true })})` : `var(${privateName(target)})`;
    return token.extension.multiply === undefined ? reference : `calc(${reference} * ${token.extension.multiply})`;
  }

  /** What a token's private copy is declared as, in the light theme (or `dark` for its dark value). */
  expression(token: Token, theme: 'light' | 'dark' = 'light'): string {
    const name = theme === 'dark' ? `${publicName(token)}-dark` : publicName(token);
    const value = `var(${name}, ${this.defaultOf(token, theme)})`;
    return token.extension.density ? `calc(${value} * var(--latch-density, 1))` : value;
  }

  /** The value a reader sees in the docs: a literal, or the alias as written. */
  shown(token: Token): string {
    const target = this.target(token);
    if (!target) return literal(token.type, token.value);
    const scaled = token.extension.multiply === undefined ? '' : ` × ${token.extension.multiply}`;
    return `${publicName(target)}${scaled}`;
  }
}
