import { QueuedWrite, sizeOf, takeBatch, topicMessagesOf } from './write-batch';

function write(topic: string, key: string, bytes = 10): QueuedWrite {
  return { topic, messages: [{ key, value: 'v' }], bytes };
}

describe('takeBatch', () => {
  it('takes writes in order up to the record limit and leaves the rest queued', () => {
    const queue = [write('s', 'a'), write('s', 'b'), write('s', 'c')];
    expect(takeBatch(queue, 2, 1000).map((w) => w.messages[0].key)).toEqual(['a', 'b']);
    expect(queue.map((w) => w.messages[0].key)).toEqual(['c']);
  });

  it('stops at the byte limit, but always takes the first write', () => {
    const queue = [write('s', 'big', 5000), write('s', 'small', 10)];
    expect(takeBatch(queue, 100, 1000).map((w) => w.messages[0].key)).toEqual(['big']);
    expect(takeBatch(queue, 100, 1000).map((w) => w.messages[0].key)).toEqual(['small']);
    expect(takeBatch(queue, 100, 1000)).toEqual([]);
  });
});

describe('topicMessagesOf', () => {
  it('groups by topic, keeping the order of each topic', () => {
    const batch = [write('state', 'a'), write('dlq', 'x'), write('state', 'b')];
    expect(topicMessagesOf(batch)).toEqual([
      {
        topic: 'state',
        messages: [
          { key: 'a', value: 'v' },
          { key: 'b', value: 'v' },
        ],
      },
      { topic: 'dlq', messages: [{ key: 'x', value: 'v' }] },
    ]);
  });
});

describe('sizeOf', () => {
  it('counts key and value bytes plus a per-record overhead', () => {
    expect(
      sizeOf([
        { key: 'ab', value: Buffer.alloc(10) },
        { key: null, value: null },
      ]),
    ).toBe(2 + 10 + 64 + 64);
  });
});
