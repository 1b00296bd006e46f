import type { Registration } from '../target/registration';
import { ExpiryBrake, heldFrom, isOverdue, overdueShareCrossedAt } from './expiry-brake';

const TTL = 60_000;

function leased(id: string, renewedAt: number): Registration {
  return {
    applicationUuid: id,
    host: 'h',
    port: 1,
    path: '/metrics',
    scheme: 'http',
    labels: {},
    expiresAt: renewedAt + TTL,
    updatedAt: renewedAt,
  };
}

/** 20 applications renewing every 20 s, at staggered times, until `stoppedAt`. */
function fleet(now: number, stoppedAt: number, count = 20): Registration[] {
  return Array.from({ length: count }, (_, i) => {
    const phase = (i * 1000) % 20_000;
    const last = Math.min(now, stoppedAt) - ((Math.min(now, stoppedAt) - phase) % 20_000);
    return leased(`app-${i}`, last);
  });
}

describe('isOverdue', () => {
  it('is true once two thirds of the lease passed without a renewal, never for no lease', () => {
    expect(isOverdue(leased('a', 0), 40_000)).toBe(false);
    expect(isOverdue(leased('a', 0), 40_001)).toBe(true);
    expect(isOverdue({ ...leased('a', 0), expiresAt: null }, 1e12)).toBe(false);
    expect(isOverdue({ ...leased('a', 0), updatedAt: null }, 1e12)).toBe(false);
  });
});

describe('ExpiryBrake', () => {
  const settings = { share: 0.5, minTargets: 10, holdLimitMs: 600_000 };

  it('engages before the first lease runs out when renewals stop together', () => {
    const brake = new ExpiryBrake(settings);
    const stoppedAt = 1_000_000;
    let engagedAt: number | null = null;
    for (let now = stoppedAt; now < stoppedAt + TTL; now += 1000) {
      const change = brake.evaluate(fleet(now, stoppedAt), now);
      if (change?.engaged) engagedAt = now;
    }
    const firstExpiry = Math.min(...fleet(stoppedAt, stoppedAt).map((r) => r.expiresAt!));
    expect(engagedAt).not.toBeNull();
    expect(engagedAt!).toBeLessThan(firstExpiry);
  });

  it('stays off while renewals go on, and for fewer registrations than the minimum', () => {
    const brake = new ExpiryBrake(settings);
    for (let now = 0; now < 200_000; now += 1000) {
      expect(brake.evaluate(fleet(now, Infinity), now)).toBeNull();
    }
    const small = new ExpiryBrake(settings);
    expect(small.evaluate(fleet(100_000, 0, 9), 100_000)).toBeNull();
  });

  it('releases when renewals resume', () => {
    const brake = new ExpiryBrake(settings);
    expect(brake.evaluate(fleet(100_000, 0), 100_000)).toMatchObject({ engaged: true, of: 20 });
    expect(brake.evaluate(fleet(100_000, 0), 101_000)).toBeNull();
    expect(brake.evaluate(fleet(102_000, Infinity), 102_000)).toEqual({
      engaged: false,
      reason: 'renewals resumed',
    });
  });

  it('lets the leases run out after the hold limit, and engages again only once re-armed', () => {
    const brake = new ExpiryBrake({ ...settings, holdLimitMs: 10_000 });
    const dead = fleet(100_000, 0);
    expect(brake.evaluate(dead, 100_000)).toMatchObject({ engaged: true });
    expect(brake.evaluate(dead, 110_000)).toEqual({
      engaged: false,
      reason: 'held for the limit of 10 s',
    });
    expect(brake.evaluate(dead, 111_000)).toBeNull();
    expect(brake.engaged).toBe(false);
    expect(brake.evaluate(fleet(120_000, Infinity), 120_000)).toBeNull();
    expect(brake.evaluate(fleet(500_000, 0), 500_000)).toMatchObject({ engaged: true });
  });

  it('never engages with a share of 1', () => {
    const brake = new ExpiryBrake({ ...settings, share: 1 });
    expect(brake.evaluate(fleet(100_000, 0), 100_000)).toBeNull();
  });
});

describe('heldFrom', () => {
  const now = 1_000_000;
  const view = [
    leased('ran-out-long-ago', now - 200_000),
    leased('ran-out', now - 70_000),
    leased('running', now - 10_000),
    { ...leased('no-lease', 0), expiresAt: null },
  ];

  it('holds from the lease time now on a running replica: what ran out before stays out', () => {
    expect(heldFrom(view, now, false)).toBe(now);
  });

  it('holds from before the earliest lease still in the view on a replica judging it as it starts', () => {
    // The replicas that ran before held these (or none was running to expire them).
    expect(heldFrom(view, now, true)).toBe(now - 200_000 + TTL - 1);
    expect(heldFrom([leased('running', now - 10_000)], now, true)).toBe(now);
  });
});

describe('a replica judging the brake as it starts', () => {
  const settings = { share: 0.5, minTargets: 10, holdLimitMs: 600_000 };
  /** 20 applications that renewed at 0, 1,000, …, 19,000 and then stopped. */
  const stopped = Array.from({ length: 20 }, (_, i) => leased(`app-${i}`, i * 1000));

  it('dates the hold from when more than the share had become overdue, not from its own start', () => {
    // Each became overdue 40 s after its renewal; the 11th (more than half of 20) at 50 s.
    expect(overdueShareCrossedAt(stopped, 0.5, 200_000)).toBe(50_000);
    const brake = new ExpiryBrake(settings);
    expect(brake.evaluate(stopped, 200_000, true)).toMatchObject({ engaged: true, overdue: 20 });
    expect(brake.since).toBe(50_000);
    // The hold limit counts from then: a replica restarting during the hold does not extend it.
    expect(brake.evaluate(stopped, 649_999)).toBeNull();
    expect(brake.evaluate(stopped, 650_000)).toEqual({
      engaged: false,
      reason: 'held for the limit of 600 s',
    });
  });

  it('does not engage once the hold limit has passed since, and stays off until re-armed', () => {
    const brake = new ExpiryBrake(settings);
    expect(brake.evaluate(stopped, 650_000, true)).toEqual({
      engaged: false,
      reason: 'the hold limit of 600 s passed before this replica started',
    });
    expect(brake.engaged).toBe(false);
    expect(brake.evaluate(stopped, 651_000)).toBeNull();
  });

  it('counts from its own judgement when it is not starting', () => {
    const brake = new ExpiryBrake(settings);
    expect(brake.evaluate(stopped, 650_000)).toMatchObject({ engaged: true });
    expect(brake.since).toBe(650_000);
  });
});
