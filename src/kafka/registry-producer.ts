import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka, Message, Partitioners, Producer } from 'kafkajs';
import { RegistryConfig } from '../config/registry.config';
import { kafkaClientConfig } from './kafka-client.options';

export class ShuttingDownError extends Error {
  constructor() {
    super('the registry is shutting down');
    this.name = 'ShuttingDownError';
  }
}

const MAX_BACKOFF_MS = 5000;
const DRAIN_TIMEOUT_MS = 5000;
/** One produce request carries at most this many records or bytes (brokers accept 1 MiB batches). */
const MAX_BATCH_RECORDS = 1000;
const MAX_BATCH_BYTES = 512 * 1024;

interface Write {
  topic: string;
  messages: Message[];
  bytes: number;
  onRetry?: (error: Error) => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

function sizeOf(messages: Message[]): number {
  let bytes = 0;
  for (const m of messages) bytes += (m.value?.length ?? 0) + (m.key?.length ?? 0) + 64;
  return bytes;
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
  private wakeUp: (() => void) | null = null;

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
      const batch = this.takeBatch();
      try {
        await this.sendWithRetry(batch);
        for (const write of batch) write.resolve();
      } catch (error) {
        for (const write of batch) write.reject(error as Error);
      }
    }
  }

  private takeBatch(): Write[] {
    const batch: Write[] = [];
    let records = 0;
    let bytes = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0];
      const fits =
        records + next.messages.length <= MAX_BATCH_RECORDS &&
        bytes + next.bytes <= MAX_BATCH_BYTES;
      if (batch.length > 0 && !fits) break;
      batch.push(this.queue.shift()!);
      records += next.messages.length;
      bytes += next.bytes;
    }
    return batch;
  }

  private async sendWithRetry(batch: Write[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const write of batch) {
      const messages = byTopic.get(write.topic) ?? [];
      messages.push(...write.messages);
      byTopic.set(write.topic, messages);
    }
    const topicMessages = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    for (let attempt = 0; ; attempt++) {
      if (this.closing) throw new ShuttingDownError();
      try {
        this.connected ??= this.producer.connect();
        await this.connected;
        await this.producer.sendBatch({ topicMessages, acks: -1 });
        return;
      } catch (error) {
        this.connected = null;
        if (this.closing) throw new ShuttingDownError();
        const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** attempt);
        const topics = [...byTopic.keys()].join(', ');
        this.logger.warn(
          `write to ${topics} failed (attempt ${attempt + 1}), retrying in ${delay} ms: ${(error as Error).message}`,
        );
        for (const write of batch) write.onRetry?.(error as Error);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  /** Lets the writes in flight finish (if Kafka takes them within the deadline), then refuses new ones. */
  async beforeApplicationShutdown(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_TIMEOUT_MS)));
    while (this.pumping) {
      const done = await Promise.race([this.pumping.then(() => true), timeout.then(() => false)]);
      if (!done) break;
    }
    clearTimeout(timer);
    this.closing = true;
    this.wakeUp?.();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pumping?.catch(() => undefined);
    await this.producer.disconnect();
  }
}
