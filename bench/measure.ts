// One page load in a fresh browser context: time to an interactive form, requests, eval time, heap.
import type { Browser, Request } from 'playwright';
import type { Scenario } from './server.js';

/** What bench/harness.js leaves on `window.__bench`. */
interface HarnessMarks {
  start: number;
  form: number | undefined;
  loads: Record<string, number>;
  cspViolations: string[];
  /** Codes of `latch-error` events: the widget reached an error state. */
  widgetErrors: string[];
}

declare global {
  interface Window {
    __bench?: HarnessMarks;
  }
}

export interface Sample {
  /** From the page starting on the widget script to the first visible, enabled input (ms). */
  formMs: number;
  /** Widget script `load` − its responseEnd: parse + compile + evaluate, module graph included (ms). */
  evalMs: number;
  /** CDP ScriptDuration for the whole page once the network is idle (ms). */
  jsMs: number;
  /** CDP JSHeapUsedSize after forced GC once the network is idle (bytes). */
  heapBytes: number;
  /** Requests the page started before the form was interactive (harness files excluded). */
  requestsBeforeForm: string[];
  /** Requests started later, up to network idle. */
  requestsAfterForm: string[];
  cspViolations: string[];
  pageErrors: string[];
  /** The host's light-DOM elements once idle (`tag.class …`), to check that lit-form still draws the widget's form. */
  formShape: string;
}

/** The harness page and script are not the widget's requests. */
const HARNESS = /\/[\w-]+\.html$|\/bench\/harness\.js$/;

export async function measure(browser: Browser, origin: string, scenario: Scenario, cpu: number): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });

    const requests = new Map<Request, number>();
    const pageErrors: string[] = [];
    page.on('request', (request) => requests.set(request, Date.now()));
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${origin}/${scenario.name}.html`);
    await page
      .waitForFunction(() => window.__bench?.form !== undefined, undefined, { polling: 25, timeout: 30_000 })
      .catch(() => {
        throw new Error(
          `${scenario.name}: no visible, enabled \`${scenario.host} ${scenario.input}\` within 30 s` +
            (pageErrors.length ? ` (page errors: ${pageErrors.join('; ')})` : ''),
        );
      });
    // Heap "after render": let the background discovery fetch and any re-render finish first.
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);

    const marks = await page.evaluate((host) => {
      const bench = window.__bench!;
      const script = document.querySelector<HTMLScriptElement>('script[type="module"]')!.src;
      const entry = performance.getEntriesByName(script)[0] as PerformanceResourceTiming | undefined;
      const shape = [...(document.querySelector(host)?.querySelectorAll('*') ?? [])].map((e) => `${e.localName}.${e.classList}`);
      return {
        ...bench,
        script,
        shape: shape.join(' '),
        timeOrigin: performance.timeOrigin,
        fetchStart: entry?.startTime,
        responseEnd: entry?.responseEnd,
      };
    }, scenario.host);
    const before = await cdp.send('Performance.getMetrics');
    await cdp.send('HeapProfiler.collectGarbage');
    const after = await cdp.send('Performance.getMetrics');
    const metric = (metrics: typeof after, name: string) => metrics.metrics.find((m) => m.name === name)?.value ?? NaN;

    if (marks.widgetErrors.length) {
      throw new Error(`${scenario.name}: the widget reported ${marks.widgetErrors.join(', ')}; the bench backend no longer answers as the profile expects`);
    }
    const form = marks.form!;
    // The preload scanner can start fetching the module script before the harness runs: take the earlier moment.
    const start = Math.min(marks.start, marks.fetchStart ?? Infinity);
    const formEpoch = marks.timeOrigin + form;
    // timing().startTime is the browser's wall clock when the request was sent, comparable to timeOrigin + form,
    // but Playwright fills it in only once a response arrives: a request still in flight gets the (later) moment
    // Node heard of it.
    const started = [...requests]
      .filter(([r]) => !HARNESS.test(new URL(r.url()).pathname))
      .map(([r, seen]) => ({ label: `${r.method()} ${new URL(r.url()).pathname}`, at: r.timing().startTime || seen }));
    return {
      formMs: form - start,
      evalMs: (marks.loads[marks.script] ?? NaN) - (marks.responseEnd ?? NaN),
      jsMs: metric(before, 'ScriptDuration') * 1000,
      heapBytes: metric(after, 'JSHeapUsedSize'),
      requestsBeforeForm: started.filter((r) => r.at <= formEpoch).map((r) => r.label),
      requestsAfterForm: started.filter((r) => r.at > formEpoch).map((r) => r.label),
      cspViolations: marks.cspViolations,
      pageErrors,
      formShape: marks.shape,
    };
  } finally {
    await context.close();
  }
}
