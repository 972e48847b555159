import type { WidgetConfig } from '../protocol/widget-config.js';

// A widget config from JSON (the `experiments` attribute, a cached copy, the backend's answer), checked by hand
// against the profile's schema (src/protocol/widget-config.ts) so the form's first file carries no schema
// library. Anything malformed is ignored as a whole: the widget then shows its own options, quietly.

type Check = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const string = (max: number, min = 0): Check => (value) => typeof value === 'string' && value.length >= min && value.length <= max;
const token = (max: number) => string(max, 1);
const share: Check = (value) => typeof value === 'number' && value >= 0 && value <= 1;
const oneOf = (...words: unknown[]): Check => (value) => words.includes(value);
const list = (item: Check, min: number, max: number): Check => (value) =>
  Array.isArray(value) && value.length >= min && value.length <= max && value.every(item);

/** An object whose listed fields, where present, pass their check (other fields are ignored, as zod does). */
const shape = (fields: Record<string, Check>, required: string[] = []): Check => (value) =>
  isObject(value) && required.every((name) => name in value) && Object.entries(fields).every(([name, check]) => value[name] === undefined || check(value[name]));

/** Whether `value` is a valid set of widget options (`WidgetOptions`). */
export const validOptions: Check = shape({
  methods: string(256),
  lead: oneOf('email', 'passkey'),
  layout: oneOf('identifier-first', 'combined'),
  socialPosition: oneOf('top', 'bottom'),
  nudgeCopy: oneOf('standard', 'faster', 'safer'),
  trustSignals: string(256),
  signUpCta: oneOf('standard', 'free', 'quick'),
});

const experiment = shape(
  {
    key: token(64),
    status: oneOf('running', 'stopped'),
    seed: token(128),
    hash_version: oneOf(2),
    coverage: share,
    targeting: shape({
      locales: list(token(35), 0, 64),
      visitor: oneOf('new', 'returning'),
      devices: list(oneOf('mobile', 'tablet', 'desktop'), 0, 3),
    }),
    variations: list(shape({ key: token(64), weight: share, options: validOptions }, ['key', 'weight', 'options']), 2, 8),
    allow_force: oneOf(true, false),
  },
  ['key', 'status', 'variations'],
);

const widgetConfig = shape(
  {
    version: token(64),
    options: validOptions,
    experiments: list(experiment, 0, 16),
    holdout: shape({ seed: token(128), share }, ['seed', 'share']),
    max_age: (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 86_400,
  },
  ['version'],
);

/** The config in `value` (JSON text or a parsed object), or undefined when it is not a valid widget config. */
export function parseWidgetConfig(value: unknown): WidgetConfig | undefined {
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    return widgetConfig(parsed) ? (parsed as WidgetConfig) : undefined;
  } catch {
    return undefined;
  }
}
