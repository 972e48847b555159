import type { LatchClient } from '../client/client.js';
import type { Drawn, ExperimentsInput } from '../experiments/draw.js';
import type { Assignment } from '../experiments/types.js';
import { loadDraw } from './draw-loader.js';
import { WIDGET_OPTION_KEYS } from './widget-options.js';

// The experiments of one form (profile §28; README "Experiments"): before the element's first draw, draw this
// view's variants and set their options on the element, so the first draw already shows them (no flicker). The
// element waits for this at most HOLD_MS, then draws with its own options and this view is in no experiment.
// A form without experiments waits for nothing and runs none of their code (npm builds do not even load it:
// draw-loader.ts).

/** The longest the first draw waits for the variants (a slow config request must not keep the form away). */
export const HOLD_MS = 1500;

type OptionKey = (typeof WIDGET_OPTION_KEYS)[number];

/** What the controller reads from and sets on the element. */
export interface ExperimentsHost extends HTMLElement, Record<OptionKey, string>, Omit<ExperimentsInput, 'locale' | 'store'> {
  client?: LatchClient;
  assignments: readonly Assignment[];
  configVersion: string | undefined;
}

/** The first draws now waiting for their variants. */
const holds = new Set<Promise<void>>();

/**
 * Settles once no form is waiting for its variants: work that can wait for the form (the script tag's fetch of
 * the client's file) waits for this, so it does not compete with the variants for the network and the CPU.
 */
export function heldDraws(): Promise<unknown> {
  return Promise.all(holds);
}

const attributeOf = (key: string): string => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** Draws the variants of one `<latch-login>` and applies them before its first draw. */
export class ExperimentsController {
  /** The element's own defaults, to tell an option the page left unset from one it set. */
  private readonly defaults: Record<OptionKey, string>;
  private held: Promise<void> | undefined;

  constructor(
    private readonly host: ExperimentsHost,
    /** The widget's language (BCP 47), as the page asks for it. */
    private readonly locale: () => string,
  ) {
    this.defaults = Object.fromEntries(WIDGET_OPTION_KEYS.map((key) => [key, host[key]])) as Record<OptionKey, string>;
  }

  /**
   * What the first draw waits for: the variants applied, or HOLD_MS passed (then none apply for this view).
   * Undefined when the element declares no experiments, so it draws at once.
   */
  beforeFirstUpdate(): Promise<void> | undefined {
    const { experimentSource, experiments, configUrl, forceVariant, client } = this.host;
    if (this.held || !(experimentSource || experiments || configUrl)) return this.held;
    const drawing = loadDraw().then(({ drawVariations }) =>
      drawVariations({ experimentSource, experiments, configUrl, forceVariant, locale: this.locale(), store: client?.storage }),
    );
    const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, HOLD_MS));
    const held = (this.held = Promise.race([drawing, timeout]).then(
      (drawn) => drawn && this.apply(drawn),
      // The draw chunk (npm builds) did not arrive, offline: the form draws with its own options.
      () => undefined,
    ));
    holds.add(held);
    void held.then(() => holds.delete(held));
    return held;
  }

  /** The config's options where the page set none, then each variant's options over everything. */
  private apply({ options, assignments, version }: Drawn): void {
    const host = this.host;
    for (const key of WIDGET_OPTION_KEYS) {
      const unset = !host.hasAttribute(attributeOf(key)) && host[key] === this.defaults[key];
      let value = unset ? options?.[key] : undefined;
      for (const assignment of assignments) value = assignment.options[key] ?? value;
      if (value !== undefined) host[key] = value;
    }
    host.assignments = assignments;
    host.configVersion = version;
  }
}
