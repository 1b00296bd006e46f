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
 * A reader over a state topic whose partition 0 ended at `end` when it started (delete.retention.ms
 * 10 s), with the Fetch loop replaced by the test: `loop` is what readPartitions was last called
 * with. Each pass runs until its signal is aborted, as readPartitions does.
 */
async function readerOver(end: number) {
  const ends: PartitionEnd[] = [{ partition: 0, low: 0, high: end }];
  const admin = {
    endOffsets: () => Promise.resolve(ends),
    stateTopicDeleteRetentionMs: 10_000,
  } as unknown as TopicAdmin;
  const view = new TargetView();
  const registry = new Registry();
  const reader = new StateTopicReader(
    new RegistryConfig(),
    admin,
    view,
    new RegistryMetrics(registry),
    new StateHistory(),
  );
  const passes: PartitionReaderOptions[] = [];
  readPartitionsMock.mockImplementation((_cluster, options) => {
    passes.push(options);
    return new Promise((resolve) => options.signal.addEventListener('abort', () => resolve()));
  });
  reader.onApplicationBootstrap();
  await settle();
  return {
    reader,
    view,
    ends,
    passes,
    registry,
    get loop() {
      return passes[passes.length - 1];
    },
  };
}

/** Lets the reader's pending steps run (its passes wait only on the test). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('StateTopicReader', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
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

  it('reads the topic again from the start after going unread for half its delete.retention.ms', async () => {
    const fixture = await readerOver(2);
    const { reader, view, ends, passes } = fixture;
    const far = Date.now() + 3_600_000;
    await fixture.loop.onBatch({
      partition: 0,
      messages: [stateMessage('app-a', 0, far), stateMessage('app-b', 1, far)],
      nextOffset: 2,
      highWatermark: 2,
    });
    const t = Date.now();
    fixture.loop.onFetch!({
      sentAt: t,
      partitions: [{ partition: 0, position: 2, highWatermark: 2 }],
    });
    expect(reader.inSync()).toBe(true);

    // Unread for 6 s: app-a's tombstone (offset 2) was written and compacted away meanwhile.
    ends[0] = { partition: 0, low: 0, high: 4 };
    await fixture.loop.onBatch({
      partition: 0,
      messages: [stateMessage('app-c', 3, far)],
      nextOffset: 4,
      highWatermark: 4,
    });
    fixture.loop.onFetch!({
      sentAt: t + 6_000,
      partitions: [{ partition: 0, position: 4, highWatermark: 4 }],
    });
    await settle();
    expect(passes).toHaveLength(2);
    expect(fixture.loop.startAt(0)).toBe(0);
    // Served as it is, but not trusted for leases, until the second read has caught up.
    expect(view.all().map((r) => r.applicationUuid)).toEqual(['app-a', 'app-b', 'app-c']);
    expect(reader.inSync()).toBe(false);

    await fixture.loop.onBatch({
      partition: 0,
      messages: [stateMessage('app-b', 1, far), stateMessage('app-c', 3, far)],
      nextOffset: 4,
      highWatermark: 4,
    });
    expect(view.all().map((r) => r.applicationUuid)).toEqual(['app-a', 'app-b', 'app-c']);
    fixture.loop.onFetch!({
      sentAt: t + 6_500,
      partitions: [{ partition: 0, position: 4, highWatermark: 4 }],
    });
    expect(view.all().map((r) => r.applicationUuid)).toEqual(['app-b', 'app-c']);
    expect(reader.inSync()).toBe(true);
    // What was read before is not counted twice.
    const applied = await fixture.registry
      .getSingleMetric('metrics_registry_state_records_total')!
      .get();
    expect(applied.values.find((v) => v.labels.outcome === 'applied')?.value).toBe(3);
  });

  it('goes on where it was after a pause shorter than half of delete.retention.ms', async () => {
    const fixture = await readerOver(0);
    const t = Date.now();
    fixture.loop.onFetch!({
      sentAt: t,
      partitions: [{ partition: 0, position: 0, highWatermark: 0 }],
    });
    fixture.loop.onFetch!({
      sentAt: t + 4_999,
      partitions: [{ partition: 0, position: 0, highWatermark: 0 }],
    });
    await settle();
    expect(fixture.passes).toHaveLength(1);
  });
});
