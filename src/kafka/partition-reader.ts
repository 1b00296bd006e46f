import type { KafkaMessage } from 'kafkajs';
import { FetchCluster, READ_COMMITTED } from './kafkajs-fetch';
import { backoffDelay, sleep } from '../resilience/backoff';

/**
 * Reads every partition of one topic from given offsets, without a consumer group.
 *
 * Each replica must read all of the state topic (and the DLQ's tail), and kafkajs has no
 * `assign()`: its consumer always joins a group. A group of one still pays for it. The broker
 * holds the first JoinGroup of a new group for `group.initial.rebalance.delay.ms` (3 s unless the
 * broker sets it), so every replica start would wait 3 s before its first fetch, whatever the
 * size of the topic. This reader sends Fetch requests itself, to each partition's leader, through
 * kafkajs's own cluster and broker objects (kafkajs-fetch.ts): the same connections, TLS, SASL
 * and retries as its consumer, with no group, no heartbeats and nothing committed. Responses are
 * decoded by fetch-response.ts.
 */

/**
 * Records one fetch returned for one partition, filtered as a READ_COMMITTED consumer would:
 * all of them, or a slice (whole record batches, in order) of a large response.
 */
export interface FetchedBatch {
  partition: number;
  /** Records at or after the offset asked for, without control records or aborted ones. */
  messages: KafkaMessage[];
  /** The offset to read next: after the last complete record batch returned (filtered ones included). */
  nextOffset: number;
  highWatermark: number;
}

/** What one fetch said about the end of each partition it held, once its records were handed over. */
export interface FetchedEnds {
  /**
   * When the fetch was sent (epoch ms). Its high watermarks cover every write acknowledged
   * before then, since an acks=all write is acknowledged only once it is below the high watermark.
   */
  sentAt: number;
  partitions: { partition: number; position: number; highWatermark: number }[];
}

export interface PartitionReaderOptions {
  topic: string;
  /** Where a partition starts; a partition without one (or one removed since) starts at its first offset. */
  startAt: (partition: number) => number | undefined;
  /** How long the broker may hold a fetch that finds nothing new. */
  maxWaitMs: number;
  /** Handles one partition's batch; the next batch and fetch of that partition wait for it. */
  onBatch: (batch: FetchedBatch) => Promise<void>;
  /** Records handed to onBatch at a time (whole record batches, so sometimes more); 1,000 unless set. */
  sliceRecords?: number;
  /** After each fetch response is handled (its batches applied): where each partition it held stands. */
  onFetch?: (fetch: FetchedEnds) => void;
  signal: AbortSignal;
}

/** How often the partitions and their leaders are looked up again (a partition added, a leader moved). */
const METADATA_CHECK_MS = 30_000;
const MAX_BYTES_PER_PARTITION = 1_048_576;
const MAX_BYTES = 10_485_760;
/**
 * Records handed to onBatch at a time, by default. A response's records are decoded this many at
 * a time, as they are applied: decoded all at once, the records of a 10 MiB response (some
 * 50,000 registrations) all lived until the last was decoded, and the garbage collector copied
 * them all.
 */
const SLICE_RECORDS = 1_000;
/** Errors after which the partitions' leaders are looked up again (kafkajs's consumer does the same). */
const STALE_METADATA = new Set([
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
  'UNKNOWN_TOPIC_OR_PARTITION',
]);
const RECONNECT = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSBrokerNotFound',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSRequestTimeoutError',
]);
/** Lookups in a row that may fail before the reader gives up (its owner starts a new one). */
const MAX_RECOVERIES = 10;

/** A fetch that must stop because the partitions' leaders are to be looked up again. */
class Regroup extends Error {}

interface KafkaError extends Error {
  type?: string;
  partition?: number;
  /** Set by kafkajs on its errors: whether trying again may succeed (a broker busy, a timeout). */
  retriable?: boolean;
}

/**
 * Reads until `signal` aborts (resolves) or it cannot go on (rejects: the owner starts a new
 * reader, from where its batches got to).
 */
export async function readPartitions(
  cluster: FetchCluster,
  options: PartitionReaderOptions,
): Promise<void> {
  const { topic, signal } = options;
  const sliceRecords = options.sliceRecords ?? SLICE_RECORDS;
  const offsets = new Map<number, number>();
  let recoveries = 0;

  /** Partitions by leader; a partition met for the first time starts where startAt says, or at its first offset. */
  const partitionsByLeader = async (
    metadata: { partitionId: number; leader: number }[],
  ): Promise<Map<number, number[]>> => {
    if (metadata.length === 0) {
      throw Object.assign(new Error(`topic ${topic} has no partitions`), {
        type: 'UNKNOWN_TOPIC_OR_PARTITION',
      });
    }
    const unknown: number[] = [];
    for (const { partitionId } of metadata) {
      if (offsets.has(partitionId)) continue;
      const start = options.startAt(partitionId);
      if (start === undefined) unknown.push(partitionId);
      else offsets.set(partitionId, start);
    }
    if (unknown.length > 0) await resetToFirst(unknown);
    const byLeader = new Map<number, number[]>();
    for (const { partitionId, leader } of metadata) {
      const partitions = byLeader.get(leader);
      if (partitions === undefined) byLeader.set(leader, [partitionId]);
      else partitions.push(partitionId);
    }
    return byLeader;
  };

  const resetToFirst = async (partitions: number[]): Promise<void> => {
    const [first] = await cluster.fetchTopicsOffset([
      { topic, partitions: partitions.map((partition) => ({ partition })), fromBeginning: true },
    ]);
    for (const { partition, offset } of first?.partitions ?? []) {
      offsets.set(partition, Number(offset));
    }
  };

  /** One leader's partitions, fetched again and again until a regroup, a stop or an error. */
  const fetchFrom = async (
    leader: number,
    partitions: number[],
    layout: string,
    regroup: AbortController,
  ) => {
    const broker = await cluster.findBroker({ nodeId: String(leader) });
    let checkAt = Date.now() + METADATA_CHECK_MS;
    while (!signal.aborted && !regroup.signal.aborted) {
      const asked = partitions.map((partition) => ({
        partition,
        fetchOffset: String(offsets.get(partition)!),
        maxBytes: MAX_BYTES_PER_PARTITION,
      }));
      const sentAt = Date.now();
      const { responses } = await broker.fetch({
        maxWaitTime: options.maxWaitMs,
        minBytes: 1,
        maxBytes: MAX_BYTES,
        isolationLevel: READ_COMMITTED,
        topics: [{ topic, partitions: asked }],
      });
      recoveries = 0;
      for (const response of responses) {
        for (const data of response.partitions) {
          // No complete batch at or after the offset asked for: the partition's end (or the end
          // of what is committed). kafkajs's consumer hands such a fetch to no one either.
          if (data.nextOffset === null) continue;
          // Handed over a slice at a time, each decoded just before it is applied.
          for (
            let slice = await data.records.take(sliceRecords);
            slice !== null;
            slice = await data.records.take(sliceRecords)
          ) {
            const nextOffset = Math.max(slice.nextOffset, offsets.get(data.partition)!);
            offsets.set(data.partition, nextOffset);
            if (signal.aborted) return;
            await options.onBatch({
              partition: data.partition,
              messages: slice.messages,
              nextOffset,
              highWatermark: data.highWatermark,
            });
          }
        }
      }
      options.onFetch?.({
        sentAt,
        partitions: responses.flatMap(({ partitions: held }) =>
          held.map(({ partition, highWatermark }) => ({
            partition,
            position: offsets.get(partition)!,
            highWatermark,
          })),
        ),
      });
      if (Date.now() >= checkAt) {
        checkAt = Date.now() + METADATA_CHECK_MS;
        await cluster.refreshMetadata();
        if (layoutOf(cluster.findTopicPartitionMetadata(topic)) !== layout) throw new Regroup();
      }
    }
  };

  /** Recovers from what a fetch met, as kafkajs's consumer does, or rethrows. */
  const recover = async (error: KafkaError): Promise<void> => {
    if (error instanceof Regroup) return;
    if (++recoveries > MAX_RECOVERIES) throw error;
    if (error.name === 'KafkaJSOffsetOutOfRange' && error.partition !== undefined) {
      // Records were deleted under the reader (retention): go on from the first one left.
      await resetToFirst([error.partition]);
      return;
    }
    if (STALE_METADATA.has(error.type ?? '') || RECONNECT.has(error.name) || error.retriable) {
      await sleep(backoffDelay(recoveries, 200, 5_000), signal);
      // Kafka may still be away: then the next fetch fails too, and counts as one more try.
      await cluster.refreshMetadata().catch(() => undefined);
      return;
    }
    throw error;
  };

  await cluster.connect();
  try {
    await cluster.addTargetTopic(topic);
    while (!signal.aborted) {
      const regroup = new AbortController();
      try {
        const metadata = cluster.findTopicPartitionMetadata(topic);
        const layout = layoutOf(metadata);
        const byLeader = await partitionsByLeader(metadata);
        const loops = await Promise.allSettled(
          [...byLeader].map(([leader, partitions]) =>
            fetchFrom(leader, partitions, layout, regroup).catch((error: Error) => {
              // The other leaders' loops stop after their current fetch, so that no partition
              // is ever read by two loops at once; then all start again.
              regroup.abort();
              throw error;
            }),
          ),
        );
        const failed = loops.find((loop) => loop.status === 'rejected');
        if (failed !== undefined) throw failed.reason;
      } catch (error) {
        await recover(error as KafkaError);
      }
    }
  } finally {
    await cluster.disconnect().catch(() => undefined);
  }
}

/** The topic's partitions and their leaders, as one comparable text. */
function layoutOf(metadata: { partitionId: number; leader: number }[]): string {
  return metadata
    .map((p) => `${p.partitionId}@${p.leader}`)
    .sort()
    .join(',');
}
