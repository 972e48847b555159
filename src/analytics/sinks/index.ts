import type { AnalyticsSink } from '../sink.js';

// The sinks `analytics` names, each its own chunk, fetched only when named.

/** The sink names `analytics` takes. */
export const SINK_NAMES = ['datalayer', 'segment', 'beacon'] as const;

export interface SinkContext {
  clientId: string;
  /** The beacon's URL: `analytics-url`, else the backend's `ciam_events_endpoint`; `undefined` when neither is known. */
  beaconUrl(): Promise<string | undefined>;
}

/** The sinks named in `names` (space-separated; unknown names are ignored). */
export async function namedSinks(names: string, context: SinkContext): Promise<AnalyticsSink[]> {
  const wanted = new Set(names.toLowerCase().split(/\s+/));
  const loads = SINK_NAMES.filter((name) => wanted.has(name)).map((name) => sinkNamed(name, context).catch(() => undefined));
  // A sink whose code did not arrive is left out; the others still get the events.
  return (await Promise.all(loads)).filter((sink): sink is AnalyticsSink => sink !== undefined);
}

async function sinkNamed(name: (typeof SINK_NAMES)[number], context: SinkContext): Promise<AnalyticsSink | undefined> {
  switch (name) {
    case 'datalayer':
      return (await import('./datalayer.js')).dataLayerSink();
    case 'segment':
      return (await import('./segment.js')).segmentSink();
    case 'beacon': {
      const [url, { beaconSink }] = await Promise.all([context.beaconUrl().catch(() => undefined), import('./beacon.js')]);
      return url ? beaconSink({ url, clientId: context.clientId }) : undefined;
    }
  }
}
