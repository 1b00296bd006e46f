import { MAX_SHARDS, parseShardSelector, shardAmong, shardLeaders, shardOf } from './rendezvous';

const IDS = Array.from({ length: 10_000 }, (_, i) => `app-${i}`);

function countPerShard(shards: number): number[] {
  const counts = new Array<number>(shards).fill(0);
  for (const id of IDS) counts[shardOf(id, shards)]++;
  return counts;
}

describe('shardOf (rendezvous hashing)', () => {
  it('serves every id to exactly one shard selector', () => {
    for (const shards of [1, 2, 3, 7, 16]) {
      const servedTimes = new Map<string, number>();
      for (let shard = 0; shard < shards; shard++) {
        for (const id of IDS.filter((candidate) => shardOf(candidate, shards) === shard)) {
          servedTimes.set(id, (servedTimes.get(id) ?? 0) + 1);
        }
      }
      expect(servedTimes.size).toBe(IDS.length);
      expect(new Set(servedTimes.values())).toEqual(new Set([1]));
    }
  });

  it('answers a shard from 0 to N-1 and uses all of them, up to MAX_SHARDS', () => {
    const used = new Set(IDS.map((id) => shardOf(id, MAX_SHARDS)));
    expect(Math.min(...used)).toBe(0);
    expect(Math.max(...used)).toBe(MAX_SHARDS - 1);
    expect(used.size).toBeGreaterThan(MAX_SHARDS * 0.99);
  });

  it('is deterministic: the same id always lands in the same shard', () => {
    expect(IDS.slice(0, 100).map((id) => shardOf(id, 5))).toEqual(
      IDS.slice(0, 100).map((id) => shardOf(id, 5)),
    );
    expect(shardOf('anything', 1)).toBe(0);
  });

  it.each([1, 2, 3, 4, 7, 10, 16])(
    'going from %i to N+1 shards moves about 1/(N+1) of the ids, all to the new shard',
    (shards) => {
      const movedTo = IDS.filter((id) => shardOf(id, shards) !== shardOf(id, shards + 1)).map(
        (id) => shardOf(id, shards + 1),
      );
      expect(new Set(movedTo)).toEqual(new Set([shards]));
      const moved = movedTo.length;
      const expected = IDS.length / (shards + 1);
      expect(Math.abs(moved - expected)).toBeLessThanOrEqual(expected * 0.15);
    },
  );

  it('moves about 1/(N+1) with many shards too (100 → 101, 1023 → 1024)', () => {
    for (const shards of [100, MAX_SHARDS - 1]) {
      const moved = IDS.filter((id) => shardOf(id, shards) !== shardOf(id, shards + 1)).length;
      const expected = IDS.length / (shards + 1);
      // Small expected counts: allow Poisson-sized noise (a modulo hash would move almost all).
      expect(moved).toBeLessThanOrEqual(expected + 6 * Math.sqrt(expected));
      expect(moved).toBeGreaterThanOrEqual(Math.max(1, expected - 6 * Math.sqrt(expected)));
    }
  });

  it.each([2, 3, 4, 5, 8, 10, 16])('balances 10,000 ids over %i shards within 15%', (shards) => {
    const expected = IDS.length / shards;
    for (const count of countPerShard(shards)) {
      expect(Math.abs(count - expected)).toBeLessThanOrEqual(expected * 0.15);
    }
  });

  it('keeps the assignment of earlier versions, so an upgrade moves no target between servers', () => {
    expect(
      ['a', 'shdr-gateway-1', 'app-42'].map((id) => [1024, 1000, 7, 2].map((n) => shardOf(id, n))),
    ).toEqual([
      [572, 572, 6, 0],
      [1010, 596, 2, 1],
      [250, 250, 6, 0],
    ]);
  });

  it('answers every shard count from the leaders: the shards that beat all lower ones', () => {
    for (const id of IDS.slice(0, 200)) {
      const leaders = shardLeaders(id);
      expect(leaders[0]).toBe(0);
      expect([...leaders]).toEqual([...leaders].sort((a, b) => a - b));
      for (const shards of [1, 2, 3, 10, 64, 1000, MAX_SHARDS]) {
        const shard = shardAmong(leaders, shards);
        expect(shard).toBeLessThan(shards);
        // The winner of a larger count is a leader, and it wins every count above it.
        expect(leaders).toContain(shard);
        expect(shardAmong(leaders, shard + 1)).toBe(shard);
      }
    }
    const mean = IDS.reduce((sum, id) => sum + shardLeaders(id).length, 0) / IDS.length;
    expect(mean).toBeGreaterThan(6);
    expect(mean).toBeLessThan(9);
  });

  it('refuses a shard count outside 1..MAX_SHARDS', () => {
    expect(() => shardOf('a', 0)).toThrow(RangeError);
    expect(() => shardOf('a', MAX_SHARDS + 1)).toThrow(RangeError);
    expect(() => shardOf('a', 1.5)).toThrow(RangeError);
  });
});

describe('parseShardSelector', () => {
  it('means "every target" when neither parameter is given', () => {
    expect(parseShardSelector(undefined, undefined)).toEqual({ ok: true, value: null });
  });

  it.each([
    ['0', '1', 0, 1],
    ['0', '2', 0, 2],
    ['1', '2', 1, 2],
    ['1023', '1024', 1023, 1024],
    ['07', '10', 7, 10],
  ])('accepts shard=%s&shards=%s', (shard, shards, i, n) => {
    expect(parseShardSelector(shard, shards)).toEqual({ ok: true, value: { shard: i, shards: n } });
  });

  it.each([
    ['0', undefined],
    ['0', ''],
    ['0', '0'],
    ['0', '1025'],
    ['0', '-1'],
    ['0', '2.0'],
    ['0', ' 2'],
    ['0', 'two'],
    ['0', '1e3'],
    ['0', ['2', '3']],
  ])('rejects shard=%j&shards=%j naming "shards"', (shard, shards) => {
    expect(parseShardSelector(shard, shards)).toEqual({
      ok: false,
      error: 'shards: must be an integer from 1 to 1024',
    });
  });

  it.each([
    [undefined, '2'],
    ['', '2'],
    ['2', '2'],
    ['-1', '2'],
    ['1.0', '2'],
    ['x', '2'],
    [['0', '1'], '2'],
  ])('rejects shard=%j&shards=%j naming "shard"', (shard, shards) => {
    expect(parseShardSelector(shard, shards)).toEqual({
      ok: false,
      error: 'shard: must be an integer from 0 to 1',
    });
  });
});
