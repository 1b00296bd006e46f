import { LEASE_CLOCK_GRACE_MS, LeaseClock } from './lease-clock';

describe('LeaseClock', () => {
  it('stands still until the view was first in sync', () => {
    const clock = new LeaseClock();
    const before = clock.read(1_000_000);
    expect(clock.read(2_000_000)).toBe(before);
    expect(before).toBeLessThan(1_000_000);
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

  it('stops the grace period after the last in-sync fetch, and resumes once in sync again', () => {
    const clock = new LeaseClock();
    clock.markInSync(10_000);
    expect(clock.read(60_000)).toBe(10_000 + LEASE_CLOCK_GRACE_MS);
    expect(clock.inSync(60_000)).toBe(false);
    clock.markInSync(61_000);
    expect(clock.read(61_000)).toBe(61_000);
  });

  it('never goes backwards, even when the wall clock does', () => {
    const clock = new LeaseClock();
    clock.markInSync(10_000);
    expect(clock.read(11_000)).toBe(11_000);
    expect(clock.read(10_200)).toBe(11_000);
    clock.markInSync(9_000);
    expect(clock.read(11_500)).toBe(11_500);
  });

  it('stands still while held by the brake, and resumes on release', () => {
    const clock = new LeaseClock();
    clock.markInSync(10_000);
    clock.hold(10_500);
    clock.markInSync(20_000);
    expect(clock.read(20_000)).toBe(10_500);
    clock.release();
    expect(clock.read(20_100)).toBe(20_100);
  });
});
