import { Logger } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { Registry } from 'prom-client';
import { RegistryConfig } from '../config/registry.config';
import type { PartitionEnd } from '../kafka/partition-end';
import { PartitionReaderOptions, readPartitions } from '../kafka/partition-reader';
import type { TopicAdmin } from '../kafka/topic-admin';
import { RegistryMetrics } from './registry.metrics';
import { encodeStateValue } from './state-record';
import { StateHistory } from './state-history';
import { StateTopicReader } from './state-topic.reader';
import { TargetView } from './target-view';

jest.mock('../kafka/partition-reader', () => ({ readPartitions: jest.fn() }));
jest.mock('../kafka/kafkajs-fetch', () => ({ clusterOf: () => ({}) }));

const readPartitionsMock = readPartitions as jest.MockedFunction<typeof readPartitions>;

function stateMessage(id: string, offset: number, expiresAt: number): KafkaMessage {
  const value = encodeStateValue({
    applicationUuid: id,
    host: `${id}.svc`,
    port: 9100,
    path: '/metrics',
    scheme: 'http',
    labels: {},
    expiresAt,
    updatedAt: expiresAt - 60_000,
  });
  return {
    key: Buffer.from(id),
    value,
    offset: String(offset),
    timestamp: String(expiresAt - 60_000),
    headers: {},
    attributes: 0,
  };
}

/**
 * A reader over a state topic whose partition 0 ended at `end` when it started, with the Fetch
 * loop replaced by the test: it gets the options readPartitions was called with, and feeds them.
 */
async function readerOver(end: number) {
  const ends: PartitionEnd[] = [{ partition: 0, low: 0, high: end }];
  const admin = { endOffsets: () => Promise.resolve(ends) } as unknown as TopicAdmin;
  const view = new TargetView();
  const reader = new StateTopicReader(
    new RegistryConfig(),
    admin,
    view,
    new RegistryMetrics(new Registry()),
    new StateHistory(),
  );
  let fed: PartitionReaderOptions | undefined;
  readPartitionsMock.mockImplementation((_cluster, options) => {
    fed = options;
    return new Promise(() => undefined);
  });
  reader.onApplicationBootstrap();
  await new Promise((resolve) => setImmediate(resolve));
  return { reader, view, loop: fed! };
}

describe('StateTopicReader', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('is caught up with an empty state topic once a fetch found it empty, and says so once', async () => {
    const { reader, loop } = await readerOver(0);
    const caughtUp = jest.fn();
    reader.onceCaughtUp(caughtUp);
    expect(reader.caughtUp).toBe(false);
    loop.onFetch!({
      sentAt: Date.now(),
      partitions: [{ partition: 0, position: 0, highWatermark: 0 }],
    });
    expect(reader.caughtUp).toBe(true);
    expect(reader.inSync()).toBe(true);
    loop.onFetch!({
      sentAt: Date.now(),
      partitions: [{ partition: 0, position: 0, highWatermark: 0 }],
    });
    expect(caughtUp).toHaveBeenCalledTimes(1);
  });

  it('announces a catch-up that ends inside a response once the whole response is in the view', async () => {
    // Two records when it started; a renewal of the first written since, in the same response.
    const { reader, view, loop } = await readerOver(2);
    const seen: (number | null)[] = [];
    reader.onceCaughtUp(() => seen.push(view.get('app-a')?.expiresAt ?? null));
    const now = Date.now();
    await loop.onBatch({
      partition: 0,
      messages: [stateMessage('app-a', 0, now - 1000), stateMessage('app-b', 1, now + 30_000)],
      nextOffset: 2,
      highWatermark: 3,
    });
    // The view holds what the topic held at startup, but the response is not all applied yet.
    expect(reader.caughtUp).toBe(false);
    await loop.onBatch({
      partition: 0,
      messages: [stateMessage('app-a', 2, now + 60_000)],
      nextOffset: 3,
      highWatermark: 3,
    });
    loop.onFetch!({ sentAt: now, partitions: [{ partition: 0, position: 3, highWatermark: 3 }] });
    expect(reader.caughtUp).toBe(true);
    // The first judgement (the sweep) saw the renewal, not the lease that had run out.
    expect(seen).toEqual([now + 60_000]);
  });
});
