import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { RegistryConfig } from '../config/registry.config';
import { kafkaClientConfig } from '../kafka/kafka-client.options';
import { clusterOf } from '../kafka/kafkajs-fetch';
import { FetchedBatch, readPartitions } from '../kafka/partition-reader';
import { retryWithBackoff } from '../resilience/backoff';
import { CatchUp } from './catch-up';
import { REJECTION_WINDOW, RejectionLog, rejectionOf } from './rejection-log';

const MAX_FETCH_WAIT_MS = 500;
const RESTART_BACKOFF_MAX_MS = 30_000;

/**
 * Reads the recent tail of the DLQ topic into a RejectionLog, so that any replica can say why a
 * command was rejected (SPEC §3.7). It starts, per partition, at the later of the first record of
 * the last 24 hours and the 10,000th record from the end, and keeps reading what comes after.
 * Like the state topic reader, with no consumer group (readPartitions).
 */
@Injectable()
export class DlqTailReader implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DlqTailReader.name);
  private readonly kafka: Kafka;
  /** The reader running now, awaited at shutdown so that its connections are closed. */
  private reader: Promise<void> | null = null;
  private catchUp: CatchUp | null = null;
  /** Per partition, the first offset of the window and the offset after the last one logged. */
  private readonly starts = new Map<number, number>();
  private readonly next = new Map<number, number>();
  private readonly stopping = new AbortController();
  readonly log = new RejectionLog();

  constructor(private readonly config: RegistryConfig) {
    this.kafka = new Kafka(kafkaClientConfig(config.kafka, 'dlq-tail'));
  }

  onApplicationBootstrap(): void {
    void retryWithBackoff(() => (this.reader = this.start()), {
      initialMs: 500,
      maxMs: RESTART_BACKOFF_MAX_MS,
      signal: this.stopping.signal,
      onRetry: (error, _attempt, delay) =>
        this.logger.warn(`DLQ reader could not start, retrying in ${delay} ms: ${error.message}`),
    }).catch(() => undefined);
  }

  /** Whether the window has been read up to the end the DLQ topic had when reading started. */
  get caughtUp(): boolean {
    return this.catchUp?.done ?? false;
  }

  private async start(): Promise<void> {
    const topic = this.config.topics.dlq;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const since = Date.now() - REJECTION_WINDOW.maxAgeMs;
      const [ends, byTime] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchTopicOffsetsByTimestamp(topic, since),
      ]);
      const timed = new Map(byTime.map((p) => [p.partition, Number(p.offset)]));
      this.catchUp ??= new CatchUp(
        ends.map((p) => {
          const low = Number(p.low);
          const high = Number(p.high);
          const fromTime = timed.get(p.partition) ?? high;
          const start = Math.max(
            low,
            high - REJECTION_WINDOW.perPartition,
            fromTime < 0 ? high : fromTime,
          );
          if (!this.starts.has(p.partition)) this.starts.set(p.partition, start);
          return { partition: p.partition, low: start, high };
        }),
      );
    } finally {
      await admin.disconnect();
    }
    await readPartitions(clusterOf(this.kafka), {
      topic,
      // Where the window starts, or after what is already logged (a reader started again).
      startAt: (partition) => {
        const start = this.starts.get(partition);
        return start === undefined ? undefined : Math.max(start, this.nextOf(partition));
      },
      maxWaitMs: MAX_FETCH_WAIT_MS,
      onBatch: (batch) => this.onBatch(batch),
      signal: this.stopping.signal,
    });
  }

  private nextOf(partition: number): number {
    return this.next.get(partition) ?? 0;
  }

  private onBatch({ partition, messages, nextOffset, highWatermark }: FetchedBatch): Promise<void> {
    // Each partition is read from its window's start, or from after what is logged, on.
    for (const message of messages) this.log.add(rejectionOf(partition, message));
    this.next.set(partition, nextOffset);
    this.catchUp?.advance(partition, nextOffset, highWatermark);
    return Promise.resolve();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.reader?.catch(() => undefined);
  }
}
