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

/**
 * The one idempotent, acks=all producer of the service. `send` resolves only once Kafka has
 * acknowledged the records; a failure is retried with backoff until it succeeds or the service
 * stops, because a validated command must never be dropped or sent to the DLQ for Kafka's fault.
 */
@Injectable()
export class RegistryProducer implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(RegistryProducer.name);
  private readonly producer: Producer;
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

  /**
   * Sends and waits for the acknowledgement, retrying with capped exponential backoff.
   * `onRetry` is told about each failed attempt (for metrics, and to keep a consumer's session alive).
   */
  async send(
    topic: string,
    messages: Message[],
    onRetry?: (error: Error) => void | Promise<void>,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (this.closing) throw new ShuttingDownError();
      try {
        this.connected ??= this.producer.connect();
        await this.connected;
        await this.producer.send({ topic, messages, acks: -1 });
        return;
      } catch (error) {
        this.connected = null;
        if (this.closing) throw new ShuttingDownError();
        const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** attempt);
        this.logger.warn(
          `write to ${topic} failed (attempt ${attempt + 1}), retrying in ${delay} ms: ${(error as Error).message}`,
        );
        await onRetry?.(error as Error);
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

  beforeApplicationShutdown(): void {
    this.closing = true;
    this.wakeUp?.();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}
