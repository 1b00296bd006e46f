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
});
