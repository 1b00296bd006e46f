import { DeadLetterMessage, RejectionLog, rejectionOf } from './rejection-log';

const HOUR = 3_600_000;

function letter(offset: number, at: number, over: Partial<DeadLetterMessage> = {}) {
  return {
    key: Buffer.from('app-1'),
    value: Buffer.from('{"applicationUuid":"app-1","port":0}'),
    timestamp: String(at),
    offset: String(offset),
    headers: {
      'x-error': Buffer.from('port: must be an integer from 1 to 65535'),
      'x-source-topic': Buffer.from('metrics-registry.commands'),
      'x-source-partition': Buffer.from('2'),
      'x-source-offset': Buffer.from('41'),
    },
    ...over,
  };
}

describe('rejectionOf', () => {
  it('reads the reason and the source from the headers the registry writes', () => {
    expect(rejectionOf(0, letter(7, 1000))).toEqual({
      at: 1000,
      partition: 0,
      offset: '7',
      key: 'app-1',
      applicationUuids: ['app-1'],
      reason: 'port: must be an integer from 1 to 65535',
      sourceTopic: 'metrics-registry.commands',
      sourcePartition: 2,
      sourceOffset: '41',
    });
  });

  it("finds the id in the value when the key is missing or another one's", () => {
    expect(rejectionOf(0, letter(1, 1, { key: null })).applicationUuids).toEqual(['app-1']);
    expect(
      rejectionOf(0, letter(1, 1, { key: Buffer.from('other') })).applicationUuids.sort(),
    ).toEqual(['app-1', 'other']);
  });

  it('keeps bytes that are not JSON or not an id, without failing', () => {
    const r = rejectionOf(0, letter(1, 1, { key: Buffer.from('<b>'), value: Buffer.from([0xff]) }));
    expect(r).toMatchObject({ key: '<b>', applicationUuids: [] });
  });

  it('cuts a long key or reason, and says when x-error is missing', () => {
    const r = rejectionOf(0, letter(1, 1, { key: Buffer.alloc(5000, 'k'), headers: {} }));
    expect(r.key).toHaveLength(1025);
    expect(r.reason).toBe('(no x-error header)');
    expect(r.sourcePartition).toBeNull();
  });

  it('reads a header sent with no value as absent, and a repeated header by its first value', () => {
    const r = rejectionOf(
      0,
      letter(1, 1, {
        headers: {
          'x-error': null,
          'x-source-topic': [Buffer.from('metrics-registry.register'), Buffer.from('other')],
          'x-source-partition': [null],
        },
      }),
    );
    expect(r).toMatchObject({
      reason: '(no x-error header)',
      sourceTopic: 'metrics-registry.register',
      sourcePartition: null,
    });
  });
});

describe('RejectionLog', () => {
  it('answers the newest rejection of an id, across partitions', () => {
    const log = new RejectionLog();
    log.add(rejectionOf(0, letter(1, 1000)));
    log.add(rejectionOf(1, letter(1, 3000)));
    log.add(rejectionOf(0, letter(2, 2000, { key: Buffer.from('app-2'), value: null })));
    expect(log.last('app-1', 4000)).toMatchObject({ partition: 1, at: 3000 });
    expect(log.last('app-2', 4000)).toMatchObject({ partition: 0, offset: '2' });
    expect(log.last('app-3', 4000)).toBeNull();
  });

  it('lists the recent ones newest first, up to a limit', () => {
    const log = new RejectionLog();
    for (let i = 0; i < 10; i++) log.add(rejectionOf(i % 2, letter(i, 1000 + i)));
    expect(log.recent(2000, 3).map((r) => r.at)).toEqual([1009, 1008, 1007]);
  });

  it('keeps the last perPartition of each partition and counts what may be cut as "at least"', () => {
    const log = new RejectionLog({ maxAgeMs: 24 * HOUR, perPartition: 3 });
    for (let i = 0; i < 5; i++) log.add(rejectionOf(0, letter(i, 1000 + i)));
    expect(log.recent(2000, 10).map((r) => r.offset)).toEqual(['4', '3', '2']);
    expect(log.countSince(0)).toEqual({ count: 3, atLeast: true });
    expect(log.countSince(1003)).toEqual({ count: 2, atLeast: false });
  });

  it('leaves out what is older than the window', () => {
    const log = new RejectionLog({ maxAgeMs: HOUR, perPartition: 100 });
    log.add(rejectionOf(0, letter(1, 0)));
    log.add(rejectionOf(0, letter(2, HOUR)));
    expect(log.recent(HOUR + 1, 10).map((r) => r.offset)).toEqual(['2']);
    expect(log.last('app-1', 3 * HOUR)).toBeNull();
  });
});
