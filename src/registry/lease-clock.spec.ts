import { LEASE_CLOCK_GRACE_MS, LeaseClock } from './lease-clock';

/** Fetches finding the view at the end every 500 ms, from `from` to `to` inclusive. */
function inSyncEvery500ms(clock: LeaseClock, from: number, to: number): void {
  for (let now = from; now <= to; now += 500) clock.markInSync(now);
}

describe('LeaseClock', () => {
  it('stands still until the view was first in sync', () => {
    const clock = new LeaseClock();
    const before = clock.read(1_000_000);
    expect(clock.read(2_000_000)).toBe(before);
    expect(clock.inSync(1_000_000)).toBe(false);
  });

  it('follows real time while the view is in sync', () => {
    const clock = new LeaseClock();
    clock.markInSync(10_000);
    expect(clock.inSync(10_500)).toBe(true);
    expect(clock.read(10_500)).toBe(10_500);
    clock.markInSync(11_000);
    expect(clock.read(11_200)).toBe(11_200);
  });

  it('stops the grace period after the last in-sync fetch', () => {
    const clock = new LeaseClock();
    clock.markInSync(10_000);
    expect(clock.read(60_000)).toBe(10_000 + LEASE_CLOCK_GRACE_MS);
    expect(clock.inSync(60_000)).toBe(false);
  });

  it('back in sync, skips no blind time: runs at double speed until it is back at real time', () => {
    const clock = new LeaseClock();
    clock.markInSync(10_000);
    expect(clock.read(40_000)).toBe(12_000);
    clock.markInSync(40_000);
    // A lease with 4 s left when the view went blind (expiresAt 16_000) has 2 s after recovery.
    expect(clock.read(40_000)).toBe(12_000);
    clock.markInSync(42_000);
    expect(clock.read(42_000)).toBe(16_000);
    inSyncEvery500ms(clock, 42_500, 80_000);
    expect(clock.read(68_000)).toBe(68_000);
    expect(clock.read(80_000)).toBe(80_000);
  });

  it('never goes backwards, even when the wall clock does', () => {
    const clock = new LeaseClock();
    clock.markInSync(10_000);
    expect(clock.read(11_000)).toBe(11_000);
    expect(clock.read(10_200)).toBe(11_000);
    clock.markInSync(9_000);
    expect(clock.read(11_500)).toBe(11_500);
  });

  it('stands still at the cap while held by the brake, and is back at real time on release', () => {
    const clock = new LeaseClock();
    clock.markInSync(10_000);
    clock.hold(10_500);
    clock.markInSync(11_000);
    clock.markInSync(12_000);
    expect(clock.read(12_000)).toBe(10_500);
    clock.release();
    expect(clock.read(12_100)).toBe(12_100);
  });

  it('released after an outage, keeps the double speed: renewals still on their way are not cut short', () => {
    const clock = new LeaseClock();
    clock.markInSync(10_000);
    // Blind from 12,000 (the grace) to 40,000. Back in sync, every lease looks overdue: the brake
    // engages and holds lease time where it stands, so every lease alive when the view went blind
    // stays served while the applications reconnect.
    clock.markInSync(40_000);
    clock.hold(clock.read(40_000));
    inSyncEvery500ms(clock, 40_500, 48_000);
    expect(clock.read(44_000)).toBe(12_000);
    expect(clock.read(47_000)).toBe(12_000);
    // Released at 48,000 (renewals resumed): lease time is where the double speed has it, not real
    // time, so a lease that ended at 30,000 still has 1 s for its renewal to come through.
    clock.release();
    expect(clock.read(48_000)).toBe(28_000);
    inSyncEvery500ms(clock, 48_500, 70_000);
    expect(clock.read(49_000)).toBe(30_000);
    expect(clock.read(68_000)).toBe(68_000);
    expect(clock.read(70_000)).toBe(70_000);
  });

  it('held behind the time already read (a replica that started during a hold), reads the cap', () => {
    const clock = new LeaseClock();
    clock.markInSync(100_000);
    expect(clock.read(100_000)).toBe(100_000);
    clock.hold(95_000);
    expect(clock.read(100_500)).toBe(95_000);
    clock.markInSync(101_000);
    clock.release();
    expect(clock.read(101_000)).toBe(101_000);
  });
});
