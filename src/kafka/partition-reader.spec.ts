import { KafkaMessage } from 'kafkajs';
import { RecordSlices } from './fetch-response';
import { FetchBroker, FetchCluster } from './kafkajs-fetch';
import {
  FetchedBatch,
  FetchedEnds,
  PartitionReaderOptions,
  readPartitions,
} from './partition-reader';

type Record = KafkaMessage & { isControlRecord?: boolean };

/**
 * A topic in memory behind the cluster and broker surface of kafkajs-fetch.ts, with errors to
 * inject. Its brokers answer as fetch-response.ts decodes: records at or after the offset asked
 * for, no control records, and the offset after the last one returned.
 */
class FakeTopic implements FetchCluster {
  readonly logs = new Map<number, Record[]>();
  readonly firstOffsets = new Map<number, number>();
  leaders = new Map<number, number>();
  /** Errors the next fetches throw, in order (one per fetch, from any leader). */
  readonly failures: Error[] = [];
  readonly fetches: { leader: number; partition: number; fetchOffset: number }[] = [];
  refreshes = 0;
  connected = false;
  /** Fetches running now, per partition: a partition is never fetched twice at once. */
  private readonly inFlight = new Set<number>();

  constructor(partitions: number) {
    for (let p = 0; p < partitions; p++) {
      this.logs.set(p, []);
      this.firstOffsets.set(p, 0);
      this.leaders.set(p, 1 + (p % 2));
    }
  }

  append(partition: number, count: number, control = false): void {
    const log = this.logs.get(partition)!;
    for (let i = 0; i < count; i++) {
      const offset = this.firstOffsets.get(partition)! + log.length;
      log.push({
        offset: String(offset),
        key: Buffer.from(`k${offset}`),
        value: control ? null : Buffer.from(`v${partition}-${offset}`),
        timestamp: '0',
        attributes: 0,
        headers: {},
        ...(control && { isControlRecord: true }),
      });
    }
  }

  connect = () => {
    this.connected = true;
    return Promise.resolve();
  };
  disconnect = () => {
    this.connected = false;
    return Promise.resolve();
  };
  addTargetTopic = () => Promise.resolve();
  refreshMetadata = () => {
    this.refreshes++;
    return Promise.resolve();
  };
  findTopicPartitionMetadata = () =>
    [...this.leaders].map(([partitionId, leader]) => ({ partitionId, leader }));
  fetchTopicsOffset: FetchCluster['fetchTopicsOffset'] = ([{ topic, partitions }]) =>
    Promise.resolve([
      {
        topic,
        partitions: partitions.map(({ partition }) => ({
          partition,
          offset: String(this.firstOffsets.get(partition)),
        })),
      },
    ]);

  findBroker = ({ nodeId }: { nodeId: string }): Promise<FetchBroker> =>
    Promise.resolve({
      fetch: async ({ topics: [{ topic, partitions }] }) => {
        for (const { partition } of partitions) {
          expect(this.inFlight.has(partition)).toBe(false);
          expect(this.leaders.get(partition)).toBe(Number(nodeId));
          this.inFlight.add(partition);
        }
        try {
          // The broker's wait for data, shortened.
          await new Promise((resolve) => setImmediate(resolve));
          for (const { partition, fetchOffset } of partitions) {
            this.fetches.push({ leader: Number(nodeId), partition, fetchOffset: +fetchOffset });
          }
          const failure = this.failures.shift();
          if (failure !== undefined) {
            const moveTo = (failure as { moveLeaderTo?: number }).moveLeaderTo;
            if (moveTo !== undefined)
              for (const p of this.leaders.keys()) this.leaders.set(p, moveTo);
            throw failure;
          }
          return {
            responses: [
              {
                topicName: topic,
                partitions: partitions.map(({ partition, fetchOffset }) => {
                  const first = this.firstOffsets.get(partition)!;
                  if (+fetchOffset < first) {
                    throw Object.assign(new Error('offset out of range'), {
                      name: 'KafkaJSOffsetOutOfRange',
                      partition,
                    });
                  }
                  const log = this.logs.get(partition)!;
                  // Up to 6 records a fetch, as if the response's size limit cut it there.
                  const returned = log.slice(+fetchOffset - first, +fetchOffset - first + 6);
                  return {
                    partition,
                    errorCode: 0,
                    highWatermark: first + log.length,
                    records: slicesOf(returned),
                    nextOffset: returned.length === 0 ? null : Number(returned.at(-1)!.offset) + 1,
                  };
                }),
              },
            ],
          };
        } finally {
          for (const { partition } of partitions) this.inFlight.delete(partition);
        }
      },
    });
}

/**
 * Records as fetch-response.ts hands them over: one batch per record, so slices end after
 * any record, control records left out.
 */
function slicesOf(returned: Record[]): RecordSlices {
  let at = 0;
  return {
    take: (maxRecords) => {
      if (at >= returned.length) return Promise.resolve(null);
      const messages: KafkaMessage[] = [];
      let nextOffset = 0;
      while (at < returned.length && messages.length < maxRecords) {
        const record = returned[at++];
        nextOffset = Number(record.offset) + 1;
        if (!record.isControlRecord) messages.push(record);
      }
      return Promise.resolve({ messages, nextOffset });
    },
  };
}

/** Runs a reader until `until` holds (deadline 5 s), then stops it; returns the batches it handed over. */
async function readUntil(
  topic: FakeTopic,
  until: (batches: FetchedBatch[]) => boolean,
  options: Partial<PartitionReaderOptions> = {},
): Promise<FetchedBatch[]> {
  const batches: FetchedBatch[] = [];
  const stop = new AbortController();
  const done = readPartitions(topic, {
    topic: 'state',
    startAt: () => 0,
    maxWaitMs: 10,
    onBatch: (batch) => {
      batches.push(batch);
      return Promise.resolve();
    },
    signal: stop.signal,
    ...options,
  });
  const deadline = Date.now() + 5_000;
  while (!until(batches)) {
    if (Date.now() > deadline)
      throw new Error(`condition not met; fetches: ${topic.fetches.length}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  stop.abort();
  await done;
  return batches;
}

const offsetsOf = (batches: FetchedBatch[], partition: number) =>
  batches
    .filter((b) => b.partition === partition)
    .flatMap((b) => b.messages.map((m) => Number(m.offset)));

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('readPartitions', () => {
  it('reads every partition from where startAt says, each record once and in order', async () => {
    const topic = new FakeTopic(3);
    topic.append(0, 20);
    topic.append(1, 7);
    topic.append(2, 0);
    const batches = await readUntil(
      topic,
      (read) => offsetsOf(read, 0).length === 16 && offsetsOf(read, 1).length === 7,
      { startAt: (partition) => (partition === 0 ? 4 : 0) },
    );
    expect(offsetsOf(batches, 0)).toEqual(range(4, 20));
    expect(offsetsOf(batches, 1)).toEqual(range(0, 7));
    expect(offsetsOf(batches, 2)).toEqual([]);
    expect(batches.filter((b) => b.partition === 0).at(-1)).toMatchObject({
      nextOffset: 20,
      highWatermark: 20,
    });
    // Two leaders, each fetched with only its own partitions; disconnected once stopped.
    expect(new Set(topic.fetches.map((f) => `${f.leader}:${f.partition}`))).toEqual(
      new Set(['1:0', '2:1', '1:2']),
    );
    expect(topic.connected).toBe(false);
  });

  it('hands a fetch over a slice at a time, each with the offset after its last record', async () => {
    const topic = new FakeTopic(1);
    topic.append(0, 12);
    const batches = await readUntil(topic, (read) => offsetsOf(read, 0).length === 12, {
      sliceRecords: 4,
    });
    // Six records a fetch: a slice of four, then one of two.
    expect(batches.map((b) => b.messages.length)).toEqual([4, 2, 4, 2]);
    expect(batches.map((b) => b.nextOffset)).toEqual([4, 6, 10, 12]);
    expect(offsetsOf(batches, 0)).toEqual(range(0, 12));
    expect(topic.fetches.map((f) => f.fetchOffset).slice(0, 2)).toEqual([0, 6]);
  });

  it('says after each fetch, with the time it was sent, where each partition it held stands', async () => {
    const topic = new FakeTopic(2);
    topic.append(0, 8);
    // A clock that moves on at every look, so that each stamp tells when it was taken.
    let clock = 1_000;
    const now = jest.spyOn(Date, 'now').mockImplementation(() => clock++);
    const calls: { partitions: number[]; calledAt: number; answeredAt: number }[] = [];
    const findBroker = topic.findBroker;
    topic.findBroker = async (id) => {
      const broker = await findBroker(id);
      return {
        fetch: async (request) => {
          const calledAt = Date.now();
          const answer = await broker.fetch(request);
          const partitions = request.topics[0].partitions.map((p) => p.partition);
          calls.push({ partitions, calledAt, answeredAt: Date.now() });
          return answer;
        },
      };
    };
    const ends: FetchedEnds[] = [];
    try {
      await readUntil(
        topic,
        () => ends.some((end) => end.partitions.some((p) => p.partition === 0 && p.position === 8)),
        { onFetch: (end) => ends.push(end) },
      );
    } finally {
      now.mockRestore();
    }
    const ofZero = ends.filter((end) => end.partitions.some((p) => p.partition === 0));
    // Six records a fetch: 6 of 8 read, then all 8.
    expect(ofZero.slice(0, 2).map((end) => end.partitions)).toEqual([
      [{ partition: 0, position: 6, highWatermark: 8 }],
      [{ partition: 0, position: 8, highWatermark: 8 }],
    ]);
    // Partition 1 (another leader) holds nothing: its fetches say so, with its high watermark.
    expect(ends.find((end) => end.partitions[0].partition === 1)?.partitions).toEqual([
      { partition: 1, position: 0, highWatermark: 0 },
    ]);
    // Each fetch is stamped just before it is sent: after the one before it was answered.
    const callsOfZero = calls.filter((call) => call.partitions.includes(0));
    ofZero.forEach((end, i) => {
      expect(end.sentAt).toBeLessThan(callsOfZero[i].calledAt);
      expect(end.sentAt).toBeGreaterThan(i === 0 ? 0 : callsOfZero[i - 1].answeredAt);
    });
  });

  it('starts a partition with no start offset at its first offset', async () => {
    const topic = new FakeTopic(1);
    topic.firstOffsets.set(0, 100);
    topic.append(0, 5);
    const batches = await readUntil(topic, (read) => offsetsOf(read, 0).length === 5, {
      startAt: () => undefined,
    });
    expect(offsetsOf(batches, 0)).toEqual(range(100, 105));
  });

  it('moves past control records without handing them over', async () => {
    const topic = new FakeTopic(1);
    topic.append(0, 2);
    topic.append(0, 1, true);
    const batches = await readUntil(topic, (read) => read.at(-1)?.nextOffset === 3);
    expect(offsetsOf(batches, 0)).toEqual([0, 1]);
    topic.append(0, 1);
    const more = await readUntil(topic, (read) => offsetsOf(read, 0).includes(3), {
      startAt: () => 3,
    });
    expect(offsetsOf(more, 0)).toEqual([3]);
  });

  it('looks the leaders up again after a stale-metadata error and goes on where it was', async () => {
    const topic = new FakeTopic(2);
    topic.append(0, 9);
    topic.append(1, 9);
    topic.failures.push(
      Object.assign(new Error('not the leader'), { type: 'NOT_LEADER_FOR_PARTITION' }),
    );
    const batches = await readUntil(
      topic,
      (read) => offsetsOf(read, 0).length === 9 && offsetsOf(read, 1).length === 9,
    );
    expect(topic.refreshes).toBeGreaterThanOrEqual(1);
    expect(offsetsOf(batches, 0)).toEqual(range(0, 9));
    expect(offsetsOf(batches, 1)).toEqual(range(0, 9));
  });

  it('tries again in place after an error kafkajs calls retriable', async () => {
    const topic = new FakeTopic(1);
    topic.append(0, 5);
    topic.failures.push(
      Object.assign(new Error('request timed out'), {
        name: 'KafkaJSProtocolError',
        type: 'REQUEST_TIMED_OUT',
        retriable: true,
      }),
    );
    const batches = await readUntil(topic, (read) => offsetsOf(read, 0).length === 5);
    expect(offsetsOf(batches, 0)).toEqual(range(0, 5));
    // The same reader went on: the failed fetch and the one after it both asked for offset 0.
    expect(topic.fetches.slice(0, 2).map((f) => f.fetchOffset)).toEqual([0, 0]);
  });

  it('follows a partition whose leader moved', async () => {
    const topic = new FakeTopic(1);
    topic.append(0, 6);
    topic.failures.push(
      Object.assign(new Error('fenced'), { type: 'FENCED_LEADER_EPOCH', moveLeaderTo: 2 }),
      Object.assign(new Error('gone'), { name: 'KafkaJSConnectionError' }),
    );
    const batches = await readUntil(topic, (read) => offsetsOf(read, 0).length === 6);
    expect(offsetsOf(batches, 0)).toEqual(range(0, 6));
    expect(topic.fetches.at(-1)?.leader).toBe(2);
  });

  it('goes on from the first offset left when its records were deleted under it', async () => {
    const topic = new FakeTopic(1);
    topic.firstOffsets.set(0, 50);
    topic.append(0, 4);
    const batches = await readUntil(topic, (read) => offsetsOf(read, 0).length === 4, {
      startAt: () => 10,
    });
    expect(offsetsOf(batches, 0)).toEqual(range(50, 54));
  });

  it('rejects on an error it cannot recover from, after every leader has stopped fetching', async () => {
    const topic = new FakeTopic(2);
    topic.append(0, 3);
    topic.failures.push(
      Object.assign(new Error('not authorized'), { type: 'TOPIC_AUTHORIZATION_FAILED' }),
    );
    await expect(
      readPartitions(topic, {
        topic: 'state',
        startAt: () => 0,
        maxWaitMs: 10,
        onBatch: () => Promise.resolve(),
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow('not authorized');
    expect(topic.connected).toBe(false);
  });

  it('rejects when handling a batch fails, so its owner starts again from what was handled', async () => {
    const topic = new FakeTopic(1);
    topic.append(0, 3);
    await expect(
      readPartitions(topic, {
        topic: 'state',
        startAt: () => 0,
        maxWaitMs: 10,
        onBatch: () => Promise.reject(new Error('view full')),
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow('view full');
  });
});
