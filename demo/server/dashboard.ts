import type { ServerResponse } from 'node:http';
import { escapeHtml, renderPage, SITE_NAME } from './html.js';
import { FUNNEL_STEPS, SIGNIFICANCE_LEVEL, type ExperimentStats, type VariationStats } from './funnel-stats.js';
import { MSPRT_TAU_SQUARED } from './statistics.js';
import { STATIC_HTML_HEADERS } from './security-headers.js';

// The demo's funnel dashboard (`GET /dashboard`, README "Funnel dashboard (demo)"): per experiment and variation
// the numbers of funnel-stats.ts as tables, the funnel and the time to sign in as SVG bar charts drawn here (no
// charting library: two kinds of bar chart are a few dozen lines, smaller than any library), and the statistical
// method with its assumptions. Server-rendered and script-free, under the demo's strict CSP; every value is
// escaped. With `LATCH_DEV=1` it also offers "Replay" and "Clear" (dev-routes.ts).

export const DASHBOARD_PATH = '/dashboard';

/** What the page shows. */
export interface DashboardView {
  experiments: ExperimentStats[];
  /** Stored events in total. */
  storedEvents: number;
  /** The widget config version the experiments come from. */
  configVersion: string;
  /** Whether the replay and clear buttons (dev routes) exist. */
  dev: boolean;
  /** What the last replay or clear did (`?replayed=`, `?cleared=`). */
  notice: string | undefined;
}

export function sendDashboard(res: ServerResponse, view: DashboardView): void {
  res.writeHead(200, STATIC_HTML_HEADERS);
  res.end(renderDashboard(view));
}

export function renderDashboard(view: DashboardView): string {
  return renderPage({
    title: `Sign-in funnel · ${SITE_NAME} demo`,
    head: '<link rel="stylesheet" href="/storefront.css">\n<link rel="stylesheet" href="/dashboard.css">',
    body: `<header class="top"><a class="brand" href="/">${escapeHtml(SITE_NAME)}</a><nav aria-label="Demo"><a href="/experiments">Experiments page</a></nav></header>
<main>
<h1>Sign-in funnel</h1>
<p class="lead">The experiments of widget config <code>${escapeHtml(view.configVersion)}</code>, from ${view.storedEvents} stored analytics events
(<code>POST /events</code>, profile §29). Visitors are the events' <code>visitor</code> hashes, never people's names or addresses.</p>
${view.notice ? `<p class="notice" role="status">${escapeHtml(view.notice)}</p>` : '<p class="notice" role="status"></p>'}
${view.dev ? controls() : ''}
${view.experiments.map(experimentSection).join('\n')}
${methodSection()}
</main>`,
  });
}

function controls(): string {
  return `<div class="controls">
<form method="post" action="/dev/events/replay"><button type="submit">Replay scripted sign-ins</button></form>
<form method="post" action="/dev/events/clear"><button type="submit" class="secondary">Clear all events</button></form>
<p class="hint">Replay sends 300 scripted visitors per variation through the collector: the same checks as the widget's batches.</p>
</div>`;
}

function experimentSection(experiment: ExperimentStats): string {
  const id = `exp-${slug(experiment.key)}`;
  return `<section aria-labelledby="${id}">
<h2 id="${id}">Experiment <code>${escapeHtml(experiment.key)}</code></h2>
${summaryTable(experiment)}
${comparisonTable(experiment)}
<div class="charts">
${funnelChart(experiment)}
${timeChart(experiment)}
</div>
${funnelTable(experiment)}
${errorsTable(experiment)}
</section>`;
}

function summaryTable(experiment: ExperimentStats): string {
  const rows = experiment.variations
    .map(
      (variation) => `<tr data-variation="${escapeHtml(variation.key)}">
<th scope="row"><code>${escapeHtml(variation.key)}</code>${variation.control ? ' <span class="tag">control</span>' : ''}</th>
<td data-stat="exposed">${variation.exposed}</td>
<td data-stat="converted">${variation.converted}</td>
<td data-stat="conversion">${percent(variation.conversion)}</td>
<td data-stat="median">${seconds(variation.medianMs)}</td>
<td data-stat="p90">${seconds(variation.p90Ms)}</td>
<td data-stat="passkey">${variation.passkeyAdoption === undefined ? '–' : percent(variation.passkeyAdoption)}</td>
<td data-stat="abandoned">${variation.abandoned}</td>
</tr>`,
    )
    .join('\n');
  return `<div class="table-wrap" role="region" aria-labelledby="${slug(experiment.key)}-summary" tabindex="0">
<table>
<caption id="${slug(experiment.key)}-summary">${escapeHtml(experiment.key)}: results by variation</caption>
<thead><tr><th scope="col">Variation</th><th scope="col">Visitors exposed</th><th scope="col">Signed in</th><th scope="col">Conversion</th>
<th scope="col">Median time to sign in</th><th scope="col">p90 time to sign in</th><th scope="col">Passkey adoption</th><th scope="col">Abandoned</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>`;
}

function comparisonTable(experiment: ExperimentStats): string {
  const control = experiment.variations[0];
  const rows = experiment.variations
    .filter((variation) => variation.versusControl)
    .map((variation) => {
      const versus = variation.versusControl!;
      const verdict = !versus.significant
        ? 'not significant yet'
        : `significant: ${versus.difference > 0 ? 'better' : 'worse'} by ${(Math.abs(versus.difference) * 100).toFixed(1)} points`;
      return `<tr data-variation="${escapeHtml(variation.key)}">
<th scope="row"><code>${escapeHtml(variation.key)}</code></th>
<td data-stat="difference">${versus.difference > 0 ? '+' : versus.difference < 0 ? '−' : ''}${(Math.abs(versus.difference) * 100).toFixed(1)} points</td>
<td data-stat="beat">${percent(versus.probabilityToBeat)}</td>
<td data-stat="p">${versus.pValue < 0.001 ? '&lt; 0.001' : versus.pValue.toFixed(3)}</td>
<td data-stat="verdict">${verdict}</td>
</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap" role="region" aria-labelledby="${slug(experiment.key)}-versus" tabindex="0">
<table>
<caption id="${slug(experiment.key)}-versus">${escapeHtml(experiment.key)}: conversion compared with the control, <code>${escapeHtml(control?.key ?? '')}</code></caption>
<thead><tr><th scope="col">Variation</th><th scope="col">Difference</th><th scope="col">Chance to beat control</th><th scope="col">Always-valid p</th><th scope="col">Verdict</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>`;
}

function funnelTable(experiment: ExperimentStats): string {
  const head = experiment.variations.map((variation) => `<th scope="col" colspan="2"><code>${escapeHtml(variation.key)}</code></th>`).join('');
  const sub = experiment.variations.map(() => '<th scope="col">Views</th><th scope="col">Drop-off</th>').join('');
  const rows = FUNNEL_STEPS.map(
    (step, index) =>
      `<tr data-step="${step.key}"><th scope="row">${escapeHtml(step.label)}</th>${experiment.variations
        .map((variation) => {
          const stats = variation.funnel[index]!;
          return `<td data-variation="${escapeHtml(variation.key)}" data-stat="views">${stats.views}</td><td>${index === 0 ? '–' : percent(stats.dropOff)}</td>`;
        })
        .join('')}</tr>`,
  ).join('\n');
  return `<div class="table-wrap" role="region" aria-labelledby="${slug(experiment.key)}-funnel" tabindex="0">
<table>
<caption id="${slug(experiment.key)}-funnel">${escapeHtml(experiment.key)}: views reaching each step, and the drop-off from the step before</caption>
<thead><tr><td></td>${head}</tr><tr><th scope="col">Step</th>${sub}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>`;
}

function errorsTable(experiment: ExperimentStats): string {
  const codes = [...new Set(experiment.variations.flatMap((variation) => variation.errors.map((error) => error.code)))].sort();
  if (codes.length === 0) return `<p>No errors shown in <code>${escapeHtml(experiment.key)}</code>.</p>`;
  const head = experiment.variations.map((variation) => `<th scope="col"><code>${escapeHtml(variation.key)}</code></th>`).join('');
  const rows = codes
    .map(
      (code) =>
        `<tr data-code="${escapeHtml(code)}"><th scope="row"><code>${escapeHtml(code)}</code></th>${experiment.variations
          .map((variation) => `<td data-variation="${escapeHtml(variation.key)}">${variation.errors.find((error) => error.code === code)?.count ?? 0}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<div class="table-wrap" role="region" aria-labelledby="${slug(experiment.key)}-errors" tabindex="0">
<table>
<caption id="${slug(experiment.key)}-errors">${escapeHtml(experiment.key)}: errors shown, by code</caption>
<thead><tr><th scope="col">Code</th>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>`;
}

/**
 * Chart geometry, in SVG user units: narrow, with each group's label above its bars, so the chart stays legible
 * when it scales down to a 320 px screen (the stylesheet caps how wide it grows).
 */
const CHART = { width: 360, valueRoom: 56, label: 18, barHeight: 14, gap: 4, groupGap: 12 };

/** A horizontal bar chart: groups (a step, a statistic) of one bar per variation, each labelled with its value. */
function barChart(options: { id: string; title: string; groups: Array<{ label: string; bars: Array<{ value: number; text: string }> }> }): string {
  const max = Math.max(1, ...options.groups.flatMap((group) => group.bars.map((bar) => bar.value)));
  const span = CHART.width - CHART.valueRoom;
  let y = 0;
  const parts: string[] = [];
  for (const group of options.groups) {
    parts.push(`<text class="axis" x="0" y="${y + CHART.label - 5}">${escapeHtml(group.label)}</text>`);
    y += CHART.label;
    for (const [index, bar] of group.bars.entries()) {
      const width = Math.max(1, (bar.value / max) * span);
      parts.push(
        `<rect class="v${index}" x="0" y="${y}" width="${width.toFixed(1)}" height="${CHART.barHeight}" rx="2"></rect>`,
        `<text class="value" x="${(width + 4).toFixed(1)}" y="${y + CHART.barHeight / 2}" dominant-baseline="central">${escapeHtml(bar.text)}</text>`,
      );
      y += CHART.barHeight + CHART.gap;
    }
    y += CHART.groupGap;
  }
  return `<svg class="chart" viewBox="0 0 ${CHART.width} ${y}" role="img" aria-labelledby="${options.id}"><title id="${options.id}">${escapeHtml(options.title)}</title>${parts.join('')}</svg>`;
}

function legend(experiment: ExperimentStats): string {
  return `<ul class="legend">${experiment.variations
    .map((variation, index) => `<li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class="v${index}" width="10" height="10" rx="2"></rect></svg><code>${escapeHtml(variation.key)}</code></li>`)
    .join('')}</ul>`;
}

function funnelChart(experiment: ExperimentStats): string {
  const groups = FUNNEL_STEPS.map((step, index) => ({
    label: step.label,
    bars: experiment.variations.map((variation) => ({ value: variation.funnel[index]!.views, text: `${variation.funnel[index]!.views}` })),
  }));
  const title = `${experiment.key} funnel: views reaching each step per variation (${experiment.variations.map((variation) => variation.key).join(', ')}); the table below has the same numbers`;
  return `<figure><figcaption>Funnel</figcaption>${legend(experiment)}${barChart({ id: `${slug(experiment.key)}-funnel-chart`, title, groups })}</figure>`;
}

function timeChart(experiment: ExperimentStats): string {
  const groups = [
    { label: 'Median', pick: (variation: VariationStats) => variation.medianMs },
    { label: '90th percentile', pick: (variation: VariationStats) => variation.p90Ms },
  ].map((statistic) => ({
    label: statistic.label,
    bars: experiment.variations.map((variation) => ({ value: statistic.pick(variation) ?? 0, text: seconds(statistic.pick(variation)) })),
  }));
  const title = `${experiment.key}: time from seeing the form to signing in, median and 90th percentile per variation; the table above has the same numbers`;
  return `<figure><figcaption>Time to sign in</figcaption>${legend(experiment)}${barChart({ id: `${slug(experiment.key)}-time-chart`, title, groups })}</figure>`;
}

function methodSection(): string {
  const tau = Math.sqrt(MSPRT_TAU_SQUARED) * 100;
  return `<section aria-labelledby="method">
<h2 id="method">How the numbers are made</h2>
<dl>
<dt>Visitors exposed</dt><dd>Distinct <code>visitor</code> hashes with an <code>exposure</code> event for the variation. A forced variation sends none, so QA visits are not counted.</dd>
<dt>Conversion</dt><dd>Of the exposed visitors, the share with a <code>signed_in</code> event in a view showing the variation.</dd>
<dt>Time to sign in</dt><dd><code>signed_in.elapsed_ms</code> (from the form being drawn); median and 90th percentile by linear interpolation between ranks (as R, NumPy and spreadsheets compute them).</dd>
<dt>Funnel and drop-off</dt><dd>Views reaching each step, counting a view's furthest step for every step before it; drop-off is the share of the step before that did not get this far.</dd>
<dt>Passkey adoption</dt><dd>Of the sign-ins, the share with the method <code>passkey</code>.</dd>
<dt>Chance to beat control</dt><dd>The Bayesian probability that the variation's conversion rate is above the control's (the first variation), with a uniform Beta(1, 1) prior on each rate, computed exactly (Evan Miller's closed form).</dd>
<dt>Always-valid p and the verdict</dt><dd>A mixture sequential probability ratio test (mSPRT, Johari, Pekelis &amp; Walsh 2017) on the difference of the two conversion rates, with a normal prior of ${tau} percentage points on the true difference. Its p-value stays valid however often this page is read, so a team may stop as soon as the verdict says "significant" (p &lt; ${SIGNIFICANCE_LEVEL}).</dd>
<dt>Assumptions</dt><dd>Each visitor is assigned once and counted once, and visitors convert independently of each other (binomial outcomes). The p-value uses a normal approximation, poor with fewer than about ten conversions and ten non-conversions per variation. Each variation is compared with the control on its own: with more than two variations, or several experiments read together, some "significant" verdicts are expected by chance. Visitors who block analytics or refuse consent are not here at all.</dd>
</dl>
</section>`;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`;
}

function slug(key: string): string {
  return key.replace(/[^a-z0-9-]/gi, '-');
}
