import type { Page } from '@playwright/test';
import type { AnalyticsEvent, WidgetConfig } from '../../src/protocol/index.js';
import { clearStoredEvents, domEvents, recordAnalytics, storedEvents } from './support/analytics.js';
import { E2E_BASE_URL, uniqueEmail } from './support/backend.js';
import { signUpWithEmailCode } from './support/flows.js';
import { expect, expectAccessible, test, widget } from './support/widget.js';

// The demo's experiments page (/experiments, README "Experiments and the sign-in funnel"): the form takes its
// variations from the backend's widget config, a new visitor signs up by email code, the backend's collector
// stores the view's exposures and funnel, and the funnel dashboard counts that visitor in their variations, with
// numbers this test works out from the stored events (`GET /dev/events`) itself.

interface Shown {
  experiment: string;
  variation: string;
  forced?: boolean;
}

/** The variations `<latch-login>` says this view shows (its `assignments` property). */
function assignments(page: Page): Promise<Shown[]> {
  return page
    .locator('latch-login')
    .evaluate((login) => (login as HTMLElement & { assignments: Shown[] }).assignments.map(({ experiment, variation, forced }) => ({ experiment, variation, forced })));
}

async function demoConfig(): Promise<WidgetConfig> {
  return (await (await fetch(`${E2E_BASE_URL}/widget-config?client_id=latchkey-demo`)).json()) as WidgetConfig;
}

/** The variation's `data-stat` cell of an experiment's summary table on the dashboard. */
function cell(page: Page, experiment: string, variation: string, stat: string) {
  return page.getByRole('table', { name: `${experiment}: results by variation` }).locator(`tr[data-variation="${variation}"] td[data-stat="${stat}"]`);
}

/** Visitors exposed to the variation, and those of them who signed in, from the stored events. */
function counted(events: AnalyticsEvent[], experiment: string, variation: string): { exposed: number; converted: number } {
  const exposed = new Set(events.flatMap((event) => (event.type === 'exposure' && event.experiment === experiment && event.variation === variation ? [event.visitor] : [])));
  const signedIn = events.filter((event) => event.type === 'signed_in' && event.experiments.some((ref) => ref.key === experiment && ref.variation === variation));
  return { exposed: exposed.size, converted: new Set(signedIn.map((event) => event.visitor).filter((visitor) => exposed.has(visitor))).size };
}

test.describe('the experiments demo page', () => {
  test.beforeEach(clearStoredEvents);

  test('a new visitor signs up by email code: exposures and the funnel are stored, and the dashboard counts them', async ({ page }) => {
    const config = await demoConfig();
    const running = (config.experiments ?? []).filter((experiment) => experiment.status === 'running').map((experiment) => experiment.key);
    expect(running).toEqual(['passkey-first', 'nudge-copy']);

    await recordAnalytics(page);
    await page.goto('/experiments');
    await expect(widget(page).email).toBeVisible();
    await expectAccessible(page, 'experiments page, signed out');
    const shown = await assignments(page);
    expect(shown.map((assignment) => assignment.experiment)).toEqual(running);
    expect(shown.every((assignment) => !assignment.forced)).toBe(true);
    // The page lists the same variations for the visitor.
    for (const { experiment, variation } of shown) await expect(page.locator('#variants')).toContainText(`${experiment}: ${variation}`);

    await signUpWithEmailCode(page, uniqueEmail('experiments-demo'));
    expect(await assignments(page), 'the visitor keeps the variations after signing in').toEqual(shown);

    // (a) The view's events, as the collector stored them, in order.
    const view = (await domEvents(page)).find((event) => event.type === 'viewed')!.view;
    await expect
      .poll(async () => (await storedEvents()).filter((event) => event.view === view).map((event) => event.type))
      .toEqual(['exposure', 'exposure', 'viewed', 'identifier_submitted', 'method_chosen', 'code_sent', 'code_entered', 'signed_in']);
    const events = await storedEvents();
    const stored = events.filter((event) => event.view === view);
    const exposures = stored.flatMap((event) => (event.type === 'exposure' ? [{ experiment: event.experiment, variation: event.variation }] : []));
    expect(exposures).toEqual(shown.map(({ experiment, variation }) => ({ experiment, variation })));
    const refs = shown.map(({ experiment, variation }) => ({ key: experiment, variation }));
    expect(stored.every((event) => JSON.stringify(event.experiments) === JSON.stringify(refs) && event.config_version === config.version)).toBe(true);
    expect(stored.at(-1)).toMatchObject({ type: 'signed_in', method: 'email_otp' });

    // (b) The dashboard counts this visitor in their variation, and no one in the others.
    await page.goto('/dashboard');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign-in funnel');
    for (const experiment of config.experiments ?? []) {
      for (const { key } of experiment.variations) {
        const want = counted(events, experiment.key, key);
        const mine = shown.some((assignment) => assignment.experiment === experiment.key && assignment.variation === key);
        expect(want, `${experiment.key}/${key}`).toEqual(mine ? { exposed: 1, converted: 1 } : { exposed: 0, converted: 0 });
        await expect(cell(page, experiment.key, key, 'exposed')).toHaveText(String(want.exposed));
        await expect(cell(page, experiment.key, key, 'converted')).toHaveText(String(want.converted));
      }
    }
  });
});
