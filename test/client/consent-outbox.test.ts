import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/wait-until.js';
import { memoryStore } from '../../src/client/storage.js';
import { createOutbox, OUTBOX_KEY, type SendResult } from '../../src/consent/outbox.js';
import type { ConsentRecordRequest } from '../../src/protocol/consent.js';

// The outbox's rules against an in-page sender: back-off timing and each answer's effect cannot be produced by
// the reference backend on demand (the e2e spec consent-records.spec.ts covers the real round trips).

const record = (id: string): ConsentRecordRequest => ({
  id,
  device_id: 'device-1234',
  policy: 'cookies',
  version: '2026-10',
  purposes: { analytics: true },
  gpc: false,
  method: 'banner',
  chosen_at: 1,
  text: 'Our cookies',
});

/** Timers the test fires by hand; records each delay asked for. */
function manualTimers() {
  const delays: number[] = [];
  let due: (() => void) | undefined;
  return {
    delays,
    setTimeout: (run: () => void, ms: number) => {
      delays.push(ms);
      due = run;
      return delays.length;
    },
    clearTimeout: () => (due = undefined),
    fire: () => {
      const run = due;
      due = undefined;
      run?.();
    },
  };
}

describe('consent outbox', () => {
  it('backs off 2 s, doubling up to 5 minutes, while the backend fails, and starts over after a success', async () => {
    const timers = manualTimers();
    const answers: SendResult[] = Array(10).fill('retry');
    const outbox = createOutbox({ store: memoryStore(), send: async () => answers.shift() ?? 'done', ...timers });
    await outbox.add(record('a'));
    for (let i = 0; i < 10; i++) {
      if (i === 0) await outbox.flush();
      else timers.fire();
      await waitUntil(() => timers.delays.length === i + 1);
    }
    expect(timers.delays).to.deep.equal([2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000]);
    timers.fire();
    await waitUntil(async () => (await outbox.pending()).length === 0);

    answers.push('retry');
    await outbox.add(record('b'));
    await outbox.flush();
    expect(timers.delays.at(-1)).to.equal(2_000);
  });

  it('lets a record go only when the backend confirmed it or refused it for good', async () => {
    const store = memoryStore();
    const results: Record<string, SendResult> = { confirmed: 'done', refused: 'drop', failing: 'retry' };
    const sent: string[] = [];
    const outbox = createOutbox({ store, send: async (r) => (sent.push(r.id), results[r.id]!), ...manualTimers() });
    await outbox.add(record('confirmed'));
    await outbox.add(record('refused'));
    await outbox.add(record('failing'));
    await outbox.flush();
    expect(sent).to.deep.equal(['confirmed', 'refused', 'failing']);
    expect(((await store.get(OUTBOX_KEY)) as ConsentRecordRequest[]).map((r) => r.id)).to.deep.equal(['failing']);
  });

  it('treats a network failure as worth retrying', async () => {
    const timers = manualTimers();
    const outbox = createOutbox({ store: memoryStore(), send: () => Promise.reject(new TypeError('Failed to fetch')), ...timers });
    await outbox.add(record('a'));
    await outbox.flush();
    expect((await outbox.pending()).length).to.equal(1);
    expect(timers.delays).to.deep.equal([2_000]);
  });

  it('keeps one copy of a receipt id, and one flush at a time sends it once', async () => {
    const sent: string[] = [];
    let release: () => void = () => undefined;
    const outbox = createOutbox({
      store: memoryStore(),
      send: (r) => new Promise<SendResult>((resolve) => ((release = () => resolve('done')), sent.push(r.id))),
      ...manualTimers(),
    });
    await outbox.add(record('a'));
    await outbox.add(record('a'));
    expect(await outbox.pending()).to.have.length(1);
    const first = outbox.flush();
    const second = outbox.flush();
    await waitUntil(() => sent.length === 1);
    release();
    await Promise.all([first, second]);
    await waitUntil(async () => (await outbox.pending()).length === 0);
    expect(sent).to.deep.equal(['a']);
  });
});
