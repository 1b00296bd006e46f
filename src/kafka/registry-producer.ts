import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka, Message, Partitioners, Producer } from 'kafkajs';
import { RegistryConfig } from '../config/registry.config';
import { retryWithBackoff } from '../resilience/backoff';
import { settledWithin } from '../resilience/deadline';
import { kafkaClientConfig } from './kafka-client.options';
import { QueuedWrite, sizeOf, takeBatch, topicMessagesOf } from './write-batch';

export class ShuttingDownError extends Error {
  constructor() {
    super('the registry is shutting down');
    this.name = 'ShuttingDownError';
  }
}

const MAX_BACKOFF_MS = 5000;
const DRAIN_TIMEOUT_MS = 5000;

interface Write extends QueuedWrite {
  onRetry?: (error: Error) => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * The one idempotent, acks=all producer of the service. `send` resolves only once Kafka has
 * acknowledged the records. Writes that arrive while a request is in flight are sent together in
 * the next one, so throughput grows with load without adding latency when idle. A failure is
 * retried with capped exponential backoff until it succeeds or the service stops: a validated
 * command must never be dropped or dead-lettered because Kafka was away.
 */
@Injectable()
export class RegistryProducer implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(RegistryProducer.name);
  private readonly producer: Producer;
  private readonly queue: Write[] = [];
  private pumping: Promise<void> | null = null;
  private connected: Promise<void> | null = null;
  private closing = false;
  /** Aborted at shutdown: a write being retried gives up at once. */
  private readonly shutdown = new AbortController();

  constructor(config: RegistryConfig) {
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
  }

  /** `onRetry` hears of each failed attempt (for metrics, and to keep a consumer's session alive). */
  send(topic: string, messages: Message[], onRetry?: (error: Error) => void): Promise<void> {
    if (this.closing) return Promise.reject(new ShuttingDownError());
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, messages, bytes: sizeOf(messages), onRetry, resolve, reject });
      this.pumping ??= this.pump().finally(() => (this.pumping = null));
    });
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = takeBatch(this.queue);
      try {
        await this.sendWithRetry(batch);
        for (const write of batch) write.resolve();
      } catch (error) {
        for (const write of batch) write.reject(error as Error);
      }
    }
  }

  private async sendWithRetry(batch: Write[]): Promise<void> {
    const topicMessages = topicMessagesOf(batch);
    const topics = topicMessages.map((t) => t.topic).join(', ');
    await retryWithBackoff(
      async () => {
        try {
          this.connected ??= this.producer.connect();
          await this.connected;
          await this.producer.sendBatch({ topicMessages, acks: -1 });
        } catch (error) {
          this.connected = null;
          throw error;
        }
      },
      {
        initialMs: 100,
        maxMs: MAX_BACKOFF_MS,
        signal: this.shutdown.signal,
        onRetry: (error, attempt, delay) => {
          this.logger.warn(
            `write to ${topics} failed (attempt ${attempt}), retrying in ${delay} ms: ${error.message}`,
          );
          for (const write of batch) write.onRetry?.(error);
        },
      },
    );
  }

  /** Lets the writes in flight finish (if Kafka takes them within the deadline), then refuses new ones. */
  async beforeApplicationShutdown(): Promise<void> {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (this.pumping && (await settledWithin(this.pumping, deadline - Date.now())));
    this.closing = true;
    this.shutdown.abort(new ShuttingDownError());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pumping?.catch(() => undefined);
    await this.producer.disconnect();
  }
}
