import { deviceIdOf } from '../client/device-id.js';
import type { PreferenceStore } from '../client/storage.js';
import type { WidgetConfig, WidgetOptions } from '../protocol/widget-config.js';
import { assignVariations } from './assign.js';
import { parseWidgetConfig, validOptions } from './config.js';
import { deviceClass, forcedVariations } from './context.js';
import { loadWidgetConfig } from './remote-config.js';
import type { Assignment, AssignmentContext, ExperimentSource } from './types.js';

// One view's variants (profile §28.2), from the element's source: the `experimentSource` property, else the
// `experiments` config, else the config at `config-url`. Part of the script tag's file; for the npm entries a
// chunk of its own, fetched only by a form that has experiments (src/controllers/draw-loader.ts).

/** What the element declares about its experiments. */
export interface ExperimentsInput {
  experimentSource?: ExperimentSource;
  experiments: string | WidgetConfig;
  configUrl: string;
  forceVariant: string;
  /** The widget's language (BCP 47). */
  locale: string;
  /** The client's store, for the device id (without one, before the client's code is here: the mirrored id). */
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
    const source = input.experimentSource;
    if (source) {
      // A team's own source is checked like a config: a variant whose options the element does not know is dropped.
      const assignments = (await source.assign(await contextOf(input))).filter((assignment) => validOptions(assignment.options));
      return { assignments, version: source.configVersion };
    }
    const config = parseWidgetConfig(input.experiments || undefined) ?? (input.configUrl ? await loadWidgetConfig(input.configUrl) : undefined);
    if (!config) return undefined;
    return { options: config.options, assignments: assignVariations(config, await contextOf(input)), version: config.version };
  } catch {
    // A source that throws, or a store that fails: the form keeps its own options.
    return undefined;
  }
}

/** What the assignment decides on: the device id and whether it is new, the device class, the language, forcing. */
async function contextOf(input: ExperimentsInput): Promise<AssignmentContext> {
  const { id, visitor } = await deviceIdOf(input.store);
  return { deviceId: id, visitor, device: deviceClass(), locale: input.locale, forced: forcedVariations(input.forceVariant) };
}
