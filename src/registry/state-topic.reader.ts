import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { RegistryConfig } from '../config/registry.config';
import { kafkaClientConfig } from '../kafka/kafka-client.options';
import { clusterOf } from '../kafka/kafkajs-fetch';
import { FetchedBatch, FetchedEnds, readPartitions } from '../kafka/partition-reader';
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
const RESTART_BACKOFF_MAX_MS = 30_000;

/**
 * Reads the whole state topic into the TargetView: every partition, from its first offset, with
 * no consumer group (readPartitions), so a replica's first fetch is not held by the broker's
 * group.initial.rebalance.delay.ms. Tracks the catch-up to the end offsets seen at startup and
 * whether the view is in sync, which is what leases are judged by.
 */
@Injectable()
export class StateTopicReader implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StateTopicReader.name);
  private readonly kafka: Kafka;
  /** The reader running now, awaited at shutdown so that its connections are closed. */
  private reader: Promise<void> | null = null;
  private catchUp: CatchUp | null = null;
  private running = false;
  /** Aborted at shutdown: a restart waiting for its backoff gives up. */
  private readonly stopping = new AbortController();
  private readonly clock = new LeaseClock();
  private readonly caughtUpListeners: (() => void)[] = [];
  private announced = false;
  /** Per partition, when the last fetch that returned it was sent. */
  private readonly fetchedAt = new Map<number, number>();
  /** Aborted to end the current pass of readPartitions, so the next one starts over. */
  private pass = new AbortController();
  private startOverPending = false;
  /**
   * The state topic read again from the start (startOver), into a view of its own that replaces
   * the served one once it has caught up; `observeFrom` is where each partition's records are
   * news to the replica (history, counts, log lines), the rest having been read before.
   */
  private rereading: { view: TargetView; observeFrom: Map<number, number> } | null = null;

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

  /** Whether a reader is reading the state topic (one recovering from a broker error counts). */
  get reading(): boolean {
    return this.running;
  }

  /** Starts a reader, and starts it again with backoff whenever it fails for good. */
  private async keepReading(): Promise<void> {
    await retryWithBackoff(
      async () => {
        try {
          this.reader = this.start();
          await this.reader;
        } finally {
          this.running = false;
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

  /**
   * True once the view holds everything that was in the state topic when the replica started:
   * from the end of the fetch response that completed the catch-up (announceCaughtUp), so the
   * rest of that response is in the view too before anything is served or expired from it.
   */
  get caughtUp(): boolean {
    return this.announced;
  }

  /** Caught up, not reading the topic again, and recently seen at the end of the state topic. */
  inSync(now = Date.now()): boolean {
    return this.running && this.caughtUp && this.rereading === null && this.clock.inSync(now);
  }

  /** Caps lease time at `at` (the shrink brake), or lifts the cap with null. */
  holdLeases(at: number | null): void {
    if (at === null) this.clock.release();
    else this.clock.hold(at);
  }

  /**
   * Calls `listener` once the view first holds everything the state topic held at startup, before
   * anything is served from it (the SD endpoint answers 503 until then).
   */
  onceCaughtUp(listener: () => void): void {
    this.caughtUpListeners.push(listener);
  }

  /** The time leases are judged by (LeaseClock): stands still while the view is out of sync. */
  leaseClock(): number {
    return this.clock.read(Date.now());
  }

  /**
   * Whether every partition of the state topic was seen at its end by a fetch sent after `since`,
   * so the view holds every write acknowledged before then (by this replica or any other).
   */
  syncedSince(since: number, now = Date.now()): boolean {
    return this.inSync(now) && this.catchUp!.endSeenSince(since);
  }

  /** A fetch was handled: where it found each partition, and whether the view is at the end. */
  private onFetch({ sentAt, partitions }: FetchedEnds): void {
    let unreadFor = 0;
    for (const { partition, position, highWatermark } of partitions) {
      unreadFor = Math.max(unreadFor, sentAt - (this.fetchedAt.get(partition) ?? sentAt));
      this.fetchedAt.set(partition, sentAt);
      this.catchUp!.fetched(partition, position, highWatermark, sentAt);
    }
    if (this.rereading !== null && this.catchUp!.done) this.finishRereading();
    // Every batch of the response is applied: a catch-up that ended in it (or an empty topic's,
    // or a partition reset to its first offset) is announced now.
    this.announceCaughtUp();
    this.publishProgress();
    if (this.caughtUp && this.rereading === null && this.catchUp!.lag === 0) {
      this.clock.markInSync(Date.now());
    }
    const retentionMs = this.admin.stateTopicDeleteRetentionMs;
    if (unreadFor >= retentionMs / 2) this.requestStartOver(unreadFor, retentionMs);
  }

  /**
   * The reader went unread long enough (cut off from Kafka, or its process paused) for the
   * tombstones written meanwhile to be compacted away before it reads them: going on from where
   * it was would keep serving what they deleted. So the topic is read again from the start, with
   * half of delete.retention.ms left for that read.
   */
  private requestStartOver(unreadFor: number, retentionMs: number): void {
    this.logger.warn(
      `state topic ${this.config.topics.state} went unread for ${Math.round(unreadFor / 1000)} s, ` +
        `more than half its delete.retention.ms (${Math.round(retentionMs / 1000)} s): tombstones ` +
        'written meanwhile may be gone, so it is read again from the start (the view is served ' +
        'as it is until then)',
    );
    this.startOverPending = true;
    this.pass.abort();
  }

  /** Begins reading the state topic again from its first offsets, into a view of its own. */
  private async startOver(topic: string): Promise<void> {
    const ends = await this.admin.endOffsets(topic);
    const observeFrom = new Map<number, number>();
    for (const { partition } of ends) {
      const before = this.rereading?.observeFrom.get(partition) ?? 0;
      observeFrom.set(partition, Math.max(before, this.catchUp!.position(partition)));
    }
    this.rereading = { view: new TargetView(), observeFrom };
    this.catchUp = new CatchUp(ends);
    this.startOverPending = false;
  }

  private finishRereading(): void {
    this.view.replaceWith(this.rereading!.view);
    this.rereading = null;
    this.logger.log(
      `read ${this.config.topics.state} again from the start: ${this.view.size} registrations`,
    );
  }

  private async start(): Promise<void> {
    const topic = this.config.topics.state;
    // A restarted reader keeps its catch-up: what was read stays read, and it goes on from there.
    this.catchUp ??= new CatchUp(await this.admin.endOffsets(topic));
    this.publishProgress();
    this.running = true;
    // Each pass reads until stopped, or until a start-over is asked for (requestStartOver).
    while (!this.stopping.signal.aborted) {
      if (this.startOverPending) await this.startOver(topic);
      this.pass = new AbortController();
      await readPartitions(clusterOf(this.kafka), {
        topic,
        startAt: (partition) => this.catchUp!.position(partition),
        maxWaitMs: MAX_FETCH_WAIT_MS,
        onBatch: (batch) => this.onBatch(batch),
        onFetch: (fetch) => this.onFetch(fetch),
        signal: AbortSignal.any([this.stopping.signal, this.pass.signal]),
      });
    }
  }

  private onBatch(batch: FetchedBatch): Promise<void> {
    const { partition } = batch;
    let applied = 0;
    let denied = 0;
    let invalid = 0;
    // Each partition is read from its catch-up position on, so every record here is new to the
    // view it goes to; when the topic is read again, only those past `observeFrom` are news.
    const rereading = this.rereading;
    const view = rereading?.view ?? this.view;
    const observeFrom = rereading?.observeFrom.get(partition) ?? 0;
    for (const message of batch.messages) {
      const record = decodeStateRecord(message.key, message.value, this.config.targetPolicy);
      if (rereading !== null && Number(message.offset) < observeFrom) {
        if (record.kind === 'put') view.put(record.registration);
        else if (record.applicationUuid !== null) view.delete(record.applicationUuid);
        continue;
      }
      this.history.observe(record, message.headers, Number(message.timestamp));
      if (record.kind === 'put') {
        view.put(record.registration);
        applied++;
      } else if (record.kind === 'delete') {
        view.delete(record.applicationUuid);
        applied++;
      } else if (record.kind === 'denied') {
        view.delete(record.applicationUuid);
        denied++;
        this.logger.warn(
          `state record ${this.where(partition, message)} not served: ${escapeForLog(record.reason)}`,
        );
      } else {
        invalid++;
        // The key's last record (compaction keeps it, not the one before): not served, as on a
        // replica that starts after compaction.
        const removed = record.applicationUuid !== null && view.delete(record.applicationUuid);
        this.logger.warn(
          `state record ${this.where(partition, message)} skipped${removed ? `, ${escapeForLog(record.applicationUuid!)} no longer served` : ''}: ${escapeForLog(record.reason)}`,
        );
      }
    }
    if (applied > 0) this.metrics.stateRecords.inc({ outcome: 'applied' }, applied);
    if (denied > 0) this.metrics.stateRecords.inc({ outcome: 'denied' }, denied);
    if (invalid > 0) this.metrics.stateRecords.inc({ outcome: 'invalid' }, invalid);
    this.catchUp!.advance(partition, batch.nextOffset, batch.highWatermark);
    this.publishProgress();
    return Promise.resolve();
  }

  /** Once, when the view first holds what the state topic held at startup. */
  private announceCaughtUp(): void {
    if (this.announced || !this.catchUp!.done) return;
    this.announced = true;
    // Lease time starts now, not at the epoch, even if records arrived meanwhile.
    this.clock.markInSync(Date.now());
    this.logger.log(`caught up with ${this.config.topics.state}: ${this.view.size} registrations`);
    for (const listener of this.caughtUpListeners.splice(0)) listener();
  }

  /** Where a record sits, for log lines: topic[partition]@offset. */
  private where(partition: number, message: { offset: string }): string {
    return `${this.config.topics.state}[${partition}]@${message.offset}`;
  }

  /** Only what was read: being in sync is for a fetch to say (onFetch), never a restart. */
  private publishProgress(): void {
    this.metrics.stateLag.set(this.catchUp?.lag ?? 0);
    this.metrics.ready.set(this.caughtUp ? 1 : 0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    this.running = false;
    await this.reader?.catch(() => undefined);
  }
}
