import { expect } from '@open-wc/testing';
import {
  ANNOUNCE_AT_S,
  EXTEND_INTERVAL_MS,
  formatCountdown,
  localDeadline,
  milestoneDue,
  MIN_RESPONSE_MS,
  MIN_WARNING_MS,
  phaseAt,
  secondsLeft,
  shouldExtend,
  warningLead,
} from '../../src/controllers/session-timing.js';

describe('session timing', () => {
  it('puts the idle expiry on the page clock, corrected for a backend clock that runs ahead or behind', () => {
    const expiresAt = 1_800_000_000;
    expect(localDeadline(expiresAt, 0)).to.equal(expiresAt * 1000);
    // The backend is 90 s ahead: its expiry comes 90 s earlier on the page's clock.
    expect(localDeadline(expiresAt, 90_000)).to.equal(expiresAt * 1000 - 90_000);
    expect(localDeadline(expiresAt, -30_000)).to.equal(expiresAt * 1000 + 30_000);
  });

  it('warns at least two minutes ahead (NIST SP 800-63B §10.1), never less than 20 s (WCAG 2.2.1)', () => {
    expect(MIN_WARNING_MS).to.equal(120_000);
    expect(warningLead(0, 15 * 60_000)).to.equal(120_000);
    expect(warningLead(300_000, 15 * 60_000)).to.equal(300_000);
    // A short timeout is not warned about the moment it was extended: at most half of it.
    expect(warningLead(120_000, 120_000)).to.equal(60_000);
    expect(warningLead(120_000, 10_000)).to.equal(MIN_RESPONSE_MS);
    expect(warningLead(120_000, undefined)).to.equal(120_000);
  });

  it('is quiet, then warning from two minutes before the deadline, then expired at it', () => {
    const deadline = 1_000_000;
    const lead = 120_000;
    expect(phaseAt(deadline - lead - 1, deadline, lead)).to.equal('quiet');
    expect(phaseAt(deadline - lead, deadline, lead)).to.equal('warning');
    expect(phaseAt(deadline - 1, deadline, lead)).to.equal('warning');
    expect(phaseAt(deadline, deadline, lead)).to.equal('expired');
  });

  it('counts down in m:ss, rounding up so 0:00 means the deadline has come', () => {
    expect(formatCountdown(secondsLeft(0, 119_001))).to.equal('2:00');
    expect(formatCountdown(secondsLeft(0, 119_000))).to.equal('1:59');
    expect(formatCountdown(65)).to.equal('1:05');
    expect(formatCountdown(secondsLeft(5000, 1000))).to.equal('0:00');
    expect(formatCountdown(119, 'fa'), 'in the page language\'s digits').to.equal('۱:۵۹');
  });

  it('announces at 60, 30 and 10 seconds left, each once, not every second', () => {
    expect(ANNOUNCE_AT_S).to.deep.equal([60, 30, 10]);
    let announced = 120;
    const said: number[] = [];
    for (let seconds = 120; seconds >= 0; seconds--) {
      const due = milestoneDue(seconds, announced);
      if (due !== undefined) {
        said.push(due);
        announced = due;
      }
    }
    expect(said).to.deep.equal([60, 30, 10]);
    // A tab that slept past two milestones says only the nearest.
    expect(milestoneDue(25, 120)).to.equal(30);
    // A warning that opened late does not announce a milestone already behind it.
    expect(milestoneDue(45, 45)).to.equal(undefined);
  });

  it('extends on activity at most once a minute', () => {
    expect(EXTEND_INTERVAL_MS).to.equal(60_000);
    expect(shouldExtend(1000, undefined)).to.equal(true);
    expect(shouldExtend(60_999, 1000)).to.equal(false);
    expect(shouldExtend(61_000, 1000)).to.equal(true);
  });

  it('allows more than ten extensions in a row (WCAG 2.2.1)', () => {
    let last: number | undefined;
    let extended = 0;
    for (let now = 0; now < 15 * 60_000; now += 10_000) {
      if (shouldExtend(now, last)) {
        last = now;
        extended++;
      }
    }
    expect(extended).to.be.greaterThan(10);
  });
});
