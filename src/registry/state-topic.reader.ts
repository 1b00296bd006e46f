import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { RegistryConfig } from '../config/registry.config';
import { kafkaClientConfig } from '../kafka/kafka-client.options';
import { TopicAdmin } from '../kafka/topic-admin';
import { escapeForLog } from '../logging/escape-for-log';
import { retryWithBackoff } from '../resilience/backoff';
import { CatchUp } from './catch-up';
import { LeaseClock } from './lease-clock';
import { RegistryMetrics } from './registry.metrics';
import { decodeStateRecord } from './state-record';
import { StateHistory } from './state-history';
import { TargetView } from './target-view';

const MAX_FETCH_WAIT_MS = 500;
/** Slack for a fetch's round trip, on top of the time the broker may hold it. */
const FETCH_MARGIN_MS = 500;
const RESTART_BACKOFF_MAX_MS = 30_000;

/**
 * Reads the whole state topic into the TargetView, with a consumer group of its own (every replica
 * must see every partition, and kafkajs has no assign()). Tracks the catch-up to the end offsets
 * seen at startup and whether the view is in sync, which is what leases are judged by.
 */
@Injectable()
export class StateTopicReader implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StateTopicReader.name);
  private readonly kafka: Kafka;
  private consumer: Consumer | null = null;
  private catchUp: CatchUp | null = null;
  private running = false;
  /** Aborted at shutdown: a restart waiting for its backoff gives up. */
  private readonly stopping = new AbortController();
  private readonly clock = new LeaseClock();
  /** When a fetch last found the view at the end of the state topic. */
  private lastSyncedAt = 0;

  constructor(
    private readonly config: RegistryConfig,
    private readonly admin: TopicAdmin,
    private readonly view: TargetView,
    private readonly metrics: RegistryMetrics,
    private readonly history: StateHistory,
  ) {
    this.kafka = new Kafka(kafkaClientConfig(config.kafka, 'state-reader'));
  }

  onApplicationBootstrap(): void {
    // Not awaited: the HTTP server must come up (and answer 503) while the view catches up.
    void this.keepReading();
  }

  /** Whether a consumer is reading the state topic (kafkajs restarting one counts). */
  get reading(): boolean {
    return this.running;
  }

  /** Starts a consumer, and starts it again with backoff whenever it fails for good. */
  private async keepReading(): Promise<void> {
    await retryWithBackoff(
      async () => {
        try {
          await this.start();
        } catch (error) {
          this.running = false;
          await this.consumer?.disconnect().catch(() => undefined);
          throw error;
        }
      },
      {
        initialMs: 500,
        maxMs: RESTART_BACKOFF_MAX_MS,
        signal: this.stopping.signal,
        onRetry: (error, _attempt, delay) =>
          this.logger.warn(
            `state topic reader could not start, retrying in ${delay} ms: ${error.message}`,
          ),
      },
    ).catch(() => undefined);
  }

  /** True once the view holds everything that was in the state topic when the replica started. */
  get caughtUp(): boolean {
    return this.catchUp?.done ?? false;
  }

  /** Caught up, and recently seen at the end of the state topic. */
  inSync(now = Date.now()): boolean {
    return this.running && this.caughtUp && this.clock.inSync(now);
  }

  /** Stops the lease clock at `at` (the shrink brake), or lets it run again with null. */
  holdLeases(at: number | null): void {
    if (at === null) this.clock.release(Date.now());
    else this.clock.hold(at);
  }

  /** The time leases are judged by (LeaseClock): stands still while the view is out of sync. */
  leaseClock(): number {
    return this.clock.read(Date.now());
  }

  /**
   * Whether the view was seen at the end of the state topic by a fetch that began after `since`,
   * so it holds every write acknowledged before then (by this replica or any other).
   */
  syncedSince(since: number, now = Date.now()): boolean {
    return this.inSync(now) && this.lastSyncedAt > since + MAX_FETCH_WAIT_MS + FETCH_MARGIN_MS;
  }

  private markInSync(): void {
    if (this.caughtUp && this.catchUp!.lag === 0) {
      const now = Date.now();
      this.clock.markInSync(now);
      this.lastSyncedAt = now;
    }
  }

  private async start(): Promise<void> {
    const topic = this.config.topics.state;
    // A restarted reader keeps its catch-up: what was read stays read.
    this.catchUp ??= new CatchUp(await this.admin.endOffsets(topic));
    this.publishProgress();
    const consumer = this.kafka.consumer({
      groupId: `${this.config.kafka.groupId}.view.${randomUUID()}`,
      maxWaitTimeInMs: MAX_FETCH_WAIT_MS,
      // The group exists only for this process and never commits: nothing to rebalance to.
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.FETCH, () => this.markInSync());
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      const line = `state topic reader stopped: ${payload.error.message}`;
      if (payload.restart) {
        this.logger.warn(`${line}; kafkajs restarts it`);
        return;
      }
      this.logger.error(`${line}; starting a new one`);
      this.running = false;
      void consumer
        .disconnect()
        .catch(() => undefined)
        .then(() => this.keepReading());
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    this.running = true;
    await consumer.run({ autoCommit: false, eachBatch: (payload) => this.onBatch(payload) });
  }

  private async onBatch({ batch, heartbeat }: EachBatchPayload): Promise<void> {
    let applied = 0;
    let denied = 0;
    let invalid = 0;
    // A restarted consumer (its group never commits) reads from the beginning again: records
    // already in the view are skipped, so it never goes back to older values.
    const from = this.catchUp!.position(batch.partition);
    for (const message of batch.messages) {
      if (Number(message.offset) < from) continue;
      const record = decodeStateRecord(message.key, message.value, this.config.targetPolicy);
      this.history.observe(record, message.headers, Number(message.timestamp));
      if (record.kind === 'put') {
        this.view.put(record.registration);
        applied++;
      } else if (record.kind === 'delete') {
        this.view.delete(record.applicationUuid);
        applied++;
      } else if (record.kind === 'denied') {
        this.view.delete(record.applicationUuid);
        denied++;
        this.logger.warn(
          `state record ${where(batch, message)} not served: ${escapeForLog(record.reason)}`,
        );
      } else {
        invalid++;
        this.logger.warn(
          `state record ${where(batch, message)} skipped: ${escapeForLog(record.reason)}`,
        );
      }
    }
    if (applied > 0) this.metrics.stateRecords.inc({ outcome: 'applied' }, applied);
    if (denied > 0) this.metrics.stateRecords.inc({ outcome: 'denied' }, denied);
    if (invalid > 0) this.metrics.stateRecords.inc({ outcome: 'invalid' }, invalid);
    if (batch.messages.length > 0) {
      const wasCaughtUp = this.caughtUp;
      this.catchUp!.advance(
        batch.partition,
        Number(batch.lastOffset()) + 1,
        Number(batch.highWatermark),
      );
      if (!wasCaughtUp && this.caughtUp) {
        // Lease time starts now, not at the epoch, even if records arrived meanwhile.
        this.clock.markInSync(Date.now());
        this.logger.log(
          `caught up with ${this.config.topics.state}: ${this.view.size} registrations`,
        );
      }
    }
    this.publishProgress();
    await heartbeat();
  }

  private publishProgress(): void {
    this.markInSync();
    this.metrics.stateLag.set(this.catchUp?.lag ?? 0);
    this.metrics.ready.set(this.caughtUp ? 1 : 0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    this.running = false;
    await this.consumer?.disconnect();
  }
}

/** Where a record sits, for log lines: topic[partition]@offset. */
function where(batch: EachBatchPayload['batch'], message: { offset: string }): string {
  return `${batch.topic}[${batch.partition}]@${message.offset}`;
}
