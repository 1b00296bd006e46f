import { CatchUp } from './catch-up';

describe('CatchUp', () => {
  it('is done at once for an empty topic', () => {
    expect(new CatchUp([{ partition: 0, low: 0, high: 0 }]).done).toBe(true);
    expect(new CatchUp([{ partition: 0, low: 7, high: 7 }]).done).toBe(true);
  });

  it('waits for every partition to reach the end offset seen at startup', () => {
    const catchUp = new CatchUp([
      { partition: 0, low: 0, high: 10 },
      { partition: 1, low: 0, high: 0 },
      { partition: 2, low: 5, high: 8 },
    ]);
    expect(catchUp.done).toBe(false);
    expect(catchUp.lag).toBe(13);
    catchUp.advance(0, 10, 12);
    expect(catchUp.done).toBe(false);
    expect(catchUp.lag).toBe(5);
    catchUp.advance(2, 8, 8);
    // Done against the startup end offsets, while partition 0 has grown by 2 since.
    expect(catchUp.done).toBe(true);
    expect(catchUp.lag).toBe(2);
  });

  it('stays done when new records arrive later', () => {
    const catchUp = new CatchUp([{ partition: 0, low: 0, high: 1 }]);
    catchUp.advance(0, 1, 1);
    catchUp.advance(0, 1, 50);
    expect(catchUp.done).toBe(true);
    expect(catchUp.lag).toBe(49);
  });

  it('holds every write acknowledged before a time once each partition was read to the end by a fetch sent after it', () => {
    const catchUp = new CatchUp([
      { partition: 0, low: 0, high: 4 },
      { partition: 1, low: 0, high: 2 },
    ]);
    expect(catchUp.endSeenSince(0)).toBe(false);
    // Partition 0's leader answered a fetch sent at 1,000 and its records were read to the end.
    catchUp.fetched(0, 4, 4, 1_000);
    expect(catchUp.endSeenSince(500)).toBe(false);
    // Partition 1 was read to the end, but by a fetch sent before 1,500: a write acknowledged on
    // its leader between the two may not be in the view yet.
    catchUp.fetched(1, 2, 2, 1_200);
    expect(catchUp.lag).toBe(0);
    expect(catchUp.endSeenSince(500)).toBe(true);
    expect(catchUp.endSeenSince(1_100)).toBe(false);
    catchUp.fetched(0, 4, 4, 1_650);
    catchUp.fetched(1, 2, 3, 1_600);
    // A fetch that found more than was read says nothing of the end: partition 1 was last seen
    // there by the fetch sent at 1,200.
    expect(catchUp.endSeenSince(1_300)).toBe(false);
    expect(catchUp.lag).toBe(1);
    catchUp.fetched(1, 3, 3, 1_700);
    expect(catchUp.endSeenSince(1_300)).toBe(true);
    expect(catchUp.endSeenSince(1_650)).toBe(false);
  });

  it('keeps the latest time a partition was seen at its end', () => {
    const catchUp = new CatchUp([{ partition: 0, low: 0, high: 0 }]);
    catchUp.fetched(0, 0, 0, 2_000);
    // A slower fetch, sent earlier, handled later.
    catchUp.fetched(0, 0, 0, 1_000);
    expect(catchUp.endSeenSince(1_500)).toBe(true);
  });
});
