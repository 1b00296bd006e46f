import { Kafka, KafkaMessage } from 'kafkajs';
import { fetchResponse, markerBatch, recordBatch, taken } from './fetch-response.testing';
import { FetchArgs, clusterOf, fetcherOf } from './kafkajs-fetch';

/* eslint-disable @typescript-eslint/no-require-imports -- kafkajs's version lookup and old-format encoder */
const { lookup } = require('kafkajs/src/protocol/requests') as {
  lookup(versions: object): (apiKey: number, definition: unknown) => (args: object) => unknown;
};
const encodeMessageSet = require('kafkajs/src/protocol/messageSet') as (options: object) => {
  buffer: Buffer;
};
/* eslint-enable @typescript-eslint/no-require-imports */

interface SentRequest {
  request: { apiVersion: number };
  response: { decode(raw: Buffer): Promise<unknown>; parse(data: unknown): Promise<unknown> };
}

/**
 * A kafkajs Broker as far as fetcherOf reaches into it: negotiated versions (kafkajs's own
 * lookup), its private request sender, and its public fetch.
 */
class FakeKafkajsBroker {
  readonly sent: number[] = [];
  /** What kafkajs's connection would throttle by: the decoded response's clientSideThrottleTime. */
  readonly throttles: unknown[] = [];
  fetchCalls = 0;
  readonly lookupRequest: ReturnType<typeof lookup>;

  constructor(
    maxFetchVersion: number,
    private readonly answer: Buffer,
    private readonly kafkajsAnswer?: unknown,
  ) {
    this.lookupRequest = lookup({ 1: { minVersion: 0, maxVersion: maxFetchVersion } });
  }

  async [Symbol('private:Broker:sendRequest')](protocol: SentRequest): Promise<unknown> {
    this.sent.push(protocol.request.apiVersion);
    const decoded = await protocol.response.decode(this.answer);
    this.throttles.push((decoded as { clientSideThrottleTime?: number }).clientSideThrottleTime);
    return protocol.response.parse(decoded);
  }

  fetch(): Promise<unknown> {
    this.fetchCalls++;
    return Promise.resolve(this.kafkajsAnswer);
  }
}

const args = (fetchOffset: number): FetchArgs => ({
  maxWaitTime: 10,
  minBytes: 1,
  maxBytes: 1 << 20,
  isolationLevel: 1,
  topics: [
    {
      topic: 'state',
      partitions: [{ partition: 0, fetchOffset: String(fetchOffset), maxBytes: 1 << 20 }],
    },
  ],
});

const fetch = (broker: FakeKafkajsBroker, fetchOffset = 0) =>
  fetcherOf(broker as unknown as Parameters<typeof fetcherOf>[0]).fetch(args(fetchOffset));

const record = (offset: number, value: string): KafkaMessage => ({
  key: Buffer.from('k'),
  value: Buffer.from(value),
  offset: String(offset),
  timestamp: '0',
  attributes: 0,
  headers: {},
});

describe('fetcherOf', () => {
  it('sends Fetch v11 through the broker and decodes the response itself', async () => {
    // A batch whose last records were compacted away: only the batch header says where it ends.
    const records = await recordBatch({
      baseOffset: 0,
      lastOffsetDelta: 4,
      records: [0, 1].map((offsetDelta) => ({ offsetDelta, key: 'k', value: `v${offsetDelta}` })),
    });
    const broker = new FakeKafkajsBroker(
      11,
      fetchResponse('state', [{ partition: 0, highWatermark: 7, records }]),
    );
    const { responses } = await fetch(broker);
    expect(broker.sent).toEqual([11]);
    expect(broker.fetchCalls).toBe(0);
    const partition = await taken(responses[0].partitions[0]);
    expect(partition.messages.map((m) => m.value?.toString())).toEqual(['v0', 'v1']);
    expect(partition).toMatchObject({ nextOffset: 5, highWatermark: 7 });
  });

  it("throws kafkajs's error for a partition's error code, with the partition for an offset out of range", async () => {
    const broker = new FakeKafkajsBroker(
      11,
      fetchResponse('state', [{ partition: 0, highWatermark: 0, errorCode: 1, records: null }]),
    );
    await expect(fetch(broker)).rejects.toMatchObject({
      name: 'KafkaJSOffsetOutOfRange',
      partition: 0,
    });
  });

  it("throws kafkajs's error for the response's own error code, and passes the broker's throttle time on", async () => {
    const failed = new FakeKafkajsBroker(11, fetchResponse('state', [], { errorCode: 7 }));
    await expect(fetch(failed)).rejects.toMatchObject({
      name: 'KafkaJSProtocolError',
      type: 'REQUEST_TIMED_OUT',
      retriable: true,
    });
    const throttled = new FakeKafkajsBroker(
      11,
      fetchResponse('state', [{ partition: 0, highWatermark: 0, records: null }], {
        throttleTimeMs: 300,
      }),
    );
    await fetch(throttled);
    expect(throttled.throttles).toEqual([300]);
  });

  it("leaves an older broker's responses to kafkajs, filtered as its consumer filters them", async () => {
    const marker = { ...record(3, ''), value: null, isControlRecord: true };
    const broker = new FakeKafkajsBroker(10, Buffer.alloc(0), {
      responses: [
        {
          topicName: 'state',
          partitions: [
            {
              partition: 0,
              errorCode: 0,
              highWatermark: '4',
              abortedTransactions: [],
              messages: [record(0, 'before'), record(1, 'a'), record(2, 'b'), marker],
            },
          ],
        },
      ],
    });
    const { responses } = await fetch(broker, 1);
    expect(broker.sent).toEqual([]);
    expect(broker.fetchCalls).toBe(1);
    const partition = await taken(responses[0].partitions[0]);
    expect(partition.messages.map((m) => m.value?.toString())).toEqual(['a', 'b']);
    expect(partition).toMatchObject({ nextOffset: 4, highWatermark: 4 });
  });

  it('decodes a partition still in the old message format with kafkajs', async () => {
    const { buffer } = encodeMessageSet({
      messageVersion: 1,
      entries: ['x', 'y', 'z'].map((value) => ({ key: 'k', value, timestamp: 1000 })),
    });
    // kafkajs's producer leaves the offsets to the broker (-1): write them as the log holds them.
    for (let at = 0, offset = 20; at < buffer.length; offset++) {
      buffer.writeBigInt64BE(BigInt(offset), at);
      at += 12 + buffer.readInt32BE(at + 8);
    }
    const broker = new FakeKafkajsBroker(
      11,
      fetchResponse('state', [{ partition: 0, highWatermark: 23, records: buffer }]),
    );
    const partition = await taken((await fetch(broker, 21)).responses[0].partitions[0]);
    expect(partition.messages.map((m) => [m.offset, m.value?.toString()])).toEqual([
      ['21', 'y'],
      ['22', 'z'],
    ]);
    expect(partition).toMatchObject({ nextOffset: 23, legacy: undefined });
  });

  it('moves past trailing transaction markers, so that a reader reaches the high watermark', async () => {
    const records = Buffer.concat([
      await recordBatch({
        baseOffset: 0,
        producerId: 3,
        transactional: true,
        records: [{ offsetDelta: 0, key: 'k', value: 'v' }],
      }),
      await markerBatch(1, 3, 'commit'),
    ]);
    const broker = new FakeKafkajsBroker(
      11,
      fetchResponse('state', [{ partition: 0, highWatermark: 2, records }]),
    );
    const partition = await taken((await fetch(broker)).responses[0].partitions[0]);
    expect(partition.messages.map((m) => m.offset)).toEqual(['0']);
    expect(partition.nextOffset).toBe(2);
  });
});

describe('clusterOf', () => {
  it('finds the cluster kafkajs 2.2.4 makes for its consumers, without connecting', () => {
    const cluster = clusterOf(new Kafka({ brokers: ['127.0.0.1:9'], clientId: 'spec' }));
    for (const method of [
      'connect',
      'disconnect',
      'addTargetTopic',
      'refreshMetadata',
      'findTopicPartitionMetadata',
      'findBroker',
      'fetchTopicsOffset',
    ] as const) {
      expect(typeof cluster[method]).toBe('function');
    }
  });

  it('finds the kafkajs 2.2.4 broker internals it sends requests through', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Broker = require('kafkajs/src/broker') as { prototype: object };
    expect(Object.getOwnPropertySymbols(Broker.prototype).map((s) => s.description)).toContain(
      'private:Broker:sendRequest',
    );
  });
});
