import { deviceIdOf } from '../client/device-id.js';
import { indexedDbStore, type PreferenceStore } from '../client/storage.js';
import type { WidgetConfig, WidgetOptions } from '../protocol/widget-config.js';
import { assignVariations } from './assign.js';
import { parseWidgetConfig, validOptions } from './config.js';
import { deviceClass, forcedVariations } from './context.js';
import { loadWidgetConfig } from './remote-config.js';
import type { Assignment, ExperimentSource } from './types.js';

// One view's variants (profile §28.2), from the element's source: the `experimentSource` property, else the
// `experiments` config, else the config at `config-url`. A chunk of its own, fetched only by a form that has
// experiments (the script tag's build puts it in the client's file, which the form fetches next anyway).

/** What the element declares about its experiments. */
export interface ExperimentsInput {
  experimentSource?: ExperimentSource;
  experiments: string | WidgetConfig;
  configUrl: string;
  forceVariant: string;
  /** The widget's language (BCP 47). */
  locale: string;
  /** The client's store, where the device id and the cached config live (default: Latchkey's IndexedDB store). */
  store?: PreferenceStore;
}

/** What this view drew: the config's options, the experiments it is in, and the config's version. */
export interface Drawn {
  options?: WidgetOptions;
  assignments: Assignment[];
  version?: string;
}

/** The variants of this view, or undefined when the element has no valid source. Never rejects. */
export async function drawVariations(input: ExperimentsInput): Promise<Drawn | undefined> {
  try {
    const store = input.store ?? indexedDbStore();
    const source = input.experimentSource;
    const given = source ? undefined : parseWidgetConfig(input.experiments || undefined);
    const config = given ?? (!source && input.configUrl ? await loadWidgetConfig(new URL(input.configUrl, location.href).href, { store }) : undefined);
    if (!source && !config) return undefined;
    const { id, visitor } = await deviceIdOf(store);
    const context = { deviceId: id, visitor, device: deviceClass(), locale: input.locale, forced: forcedVariations(input.forceVariant) };
    if (config) return { options: config.options, assignments: assignVariations(config, context), version: config.version };
    // A team's own source is checked like a config: a variant whose options the element does not know is dropped.
    const assignments = (await source!.assign(context)).filter((assignment) => validOptions(assignment.options));
    return { assignments, version: source!.configVersion };
  } catch {
    // A source that throws, or a store that fails: the form keeps its own options.
    return undefined;
  }
}
