import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka, Message, Partitioners, Producer } from 'kafkajs';
import { Counter, Gauge, Registry } from 'prom-client';
import { RegistryConfig } from '../config/registry.config';
import { retryWithBackoff } from '../resilience/backoff';
import { settledWithin } from '../resilience/deadline';
import { kafkaClientConfig } from './kafka-client.options';
import { refusalOf, truncatedDeadLetter } from './refused-write';
import { QueuedWrite, sizeOf, takeBatch, topicMessagesOf } from './write-batch';

export class ShuttingDownError extends Error {
  constructor() {
    super('the registry is shutting down');
    this.name = 'ShuttingDownError';
  }
}

/** A write withdrawn by its caller (a request deadline) before Kafka took it. */
export class WithdrawnError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'WithdrawnError';
  }
}

const MAX_BACKOFF_MS = 5000;
const DRAIN_TIMEOUT_MS = 5000;
/** A write failing for longer than this makes the replica not ready (and says why). */
export const STUCK_AFTER_MS = 30_000;

/**
 * State writes and dead letters queue apart, so a dead letter the broker refuses can never hold up
 * a register, a deregister or a lease tombstone.
 */
export type Lane = 'state' | 'dlq';

export interface SendOptions {
  lane?: Lane;
  /** Hears of each failed attempt (to keep a consumer's session alive). */
  onRetry?: (error: Error) => void;
  /** Withdraws the write if Kafka has not taken it by then; it rejects with WithdrawnError. */
  signal?: AbortSignal;
}

interface Write extends QueuedWrite {
  options: SendOptions;
  resolve: () => void;
  reject: (error: Error) => void;
}

interface LaneState {
  queue: Write[];
  pumping: Promise<void> | null;
  /** Since when the batch in flight has been failing, and why; null while writes go through. */
  failingSince: number | null;
  lastError: string;
}

export interface StuckWrite {
  lane: Lane;
  forMs: number;
  error: string;
}

/**
 * The one idempotent, acks=all producer of the service. `send` resolves only once Kafka has
 * acknowledged the records. Writes that arrive while a request is in flight are sent together in
 * the next one, so throughput grows with load without adding latency when idle. A failure is
 * retried with capped exponential backoff until it succeeds or the service stops: a validated
 * command must never be dropped or dead-lettered because Kafka was away. A dead letter the broker
 * refuses for good is sent again truncated, and dropped (logged, counted) if even that is refused.
 */
@Injectable()
export class RegistryProducer implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(RegistryProducer.name);
  private readonly producer: Producer;
  private readonly lanes = new Map<Lane, LaneState>();
  private connected: Promise<void> | null = null;
  private closing = false;
  /** Aborted at shutdown: a write being retried gives up at once. */
  private readonly shutdown = new AbortController();
  private readonly retries: Counter<'lane'>;
  private readonly deadLetters: Counter<'outcome'>;

  constructor(config: RegistryConfig, registry: Registry) {
    const kafka = new Kafka(kafkaClientConfig(config.kafka, 'producer'));
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.connected = null;
    });
    for (const lane of ['state', 'dlq'] as const) {
      this.lanes.set(lane, { queue: [], pumping: null, failingSince: null, lastError: '' });
    }
    this.retries = new Counter({
      name: 'metrics_registry_write_retries_total',
      help: 'Failed attempts to write to Kafka that were retried, by lane (state, dlq).',
      labelNames: ['lane'],
      registers: [registry],
    });
    this.deadLetters = new Counter({
      name: 'metrics_registry_dead_letters_total',
      help: 'Dead letters by outcome: written, truncated (refused whole), dropped (refused even truncated).',
      labelNames: ['outcome'],
      registers: [registry],
    });
    for (const outcome of ['written', 'truncated', 'dropped']) this.deadLetters.inc({ outcome }, 0);
    const lanes = this.lanes;
    new Gauge({
      name: 'metrics_registry_write_stuck_seconds',
      help: 'How long the oldest failing write has been retried, by lane; 0 while writes go through.',
      labelNames: ['lane'],
      registers: [registry],
      collect() {
        const now = Date.now();
        for (const [lane, state] of lanes) {
          this.set({ lane }, state.failingSince === null ? 0 : (now - state.failingSince) / 1000);
        }
      },
    });
  }

  send(topic: string, messages: Message[], options: SendOptions = {}): Promise<void> {
    if (this.closing) return Promise.reject(new ShuttingDownError());
    if (options.signal?.aborted) return Promise.reject(withdrawn(options.signal));
    const lane = this.lanes.get(options.lane ?? 'state')!;
    return new Promise<void>((resolve, reject) => {
      lane.queue.push({ topic, messages, bytes: sizeOf(messages), options, resolve, reject });
      lane.pumping ??= this.pump(options.lane ?? 'state').finally(() => (lane.pumping = null));
    });
  }

  /** The lanes whose writes have been failing for longer than STUCK_AFTER_MS. */
  stuck(now = Date.now()): StuckWrite[] {
    const stuck: StuckWrite[] = [];
    for (const [lane, state] of this.lanes) {
      if (state.failingSince !== null && now - state.failingSince > STUCK_AFTER_MS) {
        stuck.push({ lane, forMs: now - state.failingSince, error: state.lastError });
      }
    }
    return stuck;
  }

  private async pump(lane: Lane): Promise<void> {
    const state = this.lanes.get(lane)!;
    while (state.queue.length > 0) {
      const batch = takeBatch(state.queue);
      try {
        await this.sendWithRetry(lane, batch);
      } catch (error) {
        for (const write of batch) write.reject(error as Error);
      } finally {
        state.failingSince = null;
      }
    }
  }

  private async sendWithRetry(lane: Lane, batch: Write[]): Promise<void> {
    const state = this.lanes.get(lane)!;
    let pending = batch;
    await retryWithBackoff(
      async () => {
        pending = this.withoutWithdrawn(pending);
        if (pending.length === 0) return;
        try {
          await this.write(pending);
        } catch (error) {
          const refusal = lane === 'dlq' ? refusalOf(error) : null;
          if (refusal === null) throw error;
          await this.deadLetterOneByOne(pending);
        }
        for (const write of pending) write.resolve();
        if (lane === 'dlq') this.deadLetters.inc({ outcome: 'written' }, pending.length);
      },
      {
        initialMs: 100,
        maxMs: MAX_BACKOFF_MS,
        signal: this.shutdown.signal,
        onRetry: (error, attempt, delay) => {
          state.failingSince ??= Date.now();
          state.lastError = error.message;
          this.retries.inc({ lane });
          const topics = [...new Set(pending.map((w) => w.topic))].join(', ');
          this.logger.warn(
            `write to ${topics} failed (attempt ${attempt}), retrying in ${delay} ms: ${error.message}`,
          );
          for (const write of pending) write.options.onRetry?.(error);
        },
      },
    );
  }

  /**
   * A dead-letter batch the broker refused: each letter alone, so only the culprit is cut down;
   * one refused even truncated is logged and dropped, so the command behind it is still committed.
   */
  private async deadLetterOneByOne(batch: Write[]): Promise<void> {
    for (const write of batch) {
      try {
        await this.write([write]);
        continue;
      } catch (error) {
        const refusal = refusalOf(error);
        if (refusal === null) throw error;
        const truncated = {
          ...write,
          messages: write.messages.map((m) => truncatedDeadLetter(m, refusal)),
        };
        try {
          await this.write([truncated]);
          this.deadLetters.inc({ outcome: 'truncated' });
          this.logger.warn(`dead letter to ${write.topic} refused (${refusal}), written truncated`);
        } catch (again) {
          if (refusalOf(again) === null) throw again;
          this.deadLetters.inc({ outcome: 'dropped' });
          const headers = write.messages[0]?.headers ?? {};
          this.logger.error(
            `dead letter to ${write.topic} refused even truncated (${refusalOf(again)}), dropped: ` +
              `source ${String(headers['x-source-topic'])}[${String(headers['x-source-partition'])}]@${String(headers['x-source-offset'])}, ` +
              `reason ${JSON.stringify(String(headers['x-error']))}`,
          );
        }
      }
    }
  }

  private async write(batch: QueuedWrite[]): Promise<void> {
    try {
      this.connected ??= this.producer.connect();
      await this.connected;
      await this.producer.sendBatch({ topicMessages: topicMessagesOf(batch), acks: -1 });
    } catch (error) {
      if (refusalOf(error) === null) this.connected = null;
      throw error;
    }
  }

  private withoutWithdrawn(batch: Write[]): Write[] {
    return batch.filter((write) => {
      if (!write.options.signal?.aborted) return true;
      write.reject(withdrawn(write.options.signal));
      return false;
    });
  }

  /** Lets the writes in flight finish (if Kafka takes them within the deadline), then refuses new ones. */
  async beforeApplicationShutdown(): Promise<void> {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    for (const state of this.lanes.values()) {
      while (state.pumping && (await settledWithin(state.pumping, deadline - Date.now())));
    }
    this.closing = true;
    this.shutdown.abort(new ShuttingDownError());
  }

  async onApplicationShutdown(): Promise<void> {
    for (const state of this.lanes.values()) await state.pumping?.catch(() => undefined);
    await this.producer.disconnect();
  }
}

function withdrawn(signal: AbortSignal): WithdrawnError {
  const reason: unknown = signal.reason;
  return new WithdrawnError(reason instanceof Error ? reason.message : 'withdrawn');
}
