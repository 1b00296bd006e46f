import { OffsetTracker } from './offset-tracker';

describe('OffsetTracker', () => {
  it('commits only past the longest run of finished commands', () => {
    const tracker = new OffsetTracker();
    for (const offset of [10n, 11n, 12n]) tracker.begin('t', 0, offset);
    expect(tracker.finish('t', 0, 11n)).toBeNull();
    expect(tracker.finish('t', 0, 10n)).toBe(12n);
    expect(tracker.finish('t', 0, 12n)).toBe(13n);
  });

  it('keeps partitions and topics apart', () => {
    const tracker = new OffsetTracker();
    tracker.begin('t', 0, 5n);
    tracker.begin('t', 1, 5n);
    tracker.begin('u', 0, 5n);
    expect(tracker.finish('t', 1, 5n)).toBe(6n);
    expect(tracker.finish('u', 0, 5n)).toBe(6n);
  });

  it('never commits past a command that did not finish', () => {
    const tracker = new OffsetTracker();
    tracker.begin('t', 0, 1n);
    tracker.begin('t', 0, 2n);
    expect(tracker.finish('t', 0, 2n)).toBeNull();
  });

  it('starts a partition afresh when offsets are delivered again after a rebalance', () => {
    const tracker = new OffsetTracker();
    tracker.begin('t', 0, 7n);
    tracker.begin('t', 0, 8n);
    tracker.begin('t', 0, 7n);
    expect(tracker.finish('t', 0, 7n)).toBe(8n);
    expect(tracker.finish('t', 0, 8n)).toBeNull();
  });

  it('ignores offsets it never saw', () => {
    expect(new OffsetTracker().finish('t', 0, 1n)).toBeNull();
  });
});
