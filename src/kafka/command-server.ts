import { ServerKafka } from '@nestjs/microservices';
import { KafkaParser } from '@nestjs/microservices/helpers/kafka-parser';
import type {
  CommandConsumerState,
  CommandConsumerStatus,
} from '../registry/command-consumer.status';
import type { KafkaOptions } from '@nestjs/microservices';

/**
 * Leaves keys, values and headers as the bytes Kafka delivered: a rejected command must reach
 * the DLQ byte for byte, and validation parses the JSON itself (with a size limit first).
 */
class BinaryKafkaParser extends KafkaParser {
  override parse<T = unknown>(data: unknown): T {
    const message = data as { headers?: Record<string, unknown> };
    return { ...message, headers: { ...(message.headers ?? {}) } } as T;
  }
}

/**
 * The Nest Kafka transport with the binary parser, reporting the consumer's own kafkajs events to
 * the readiness status (Nest's status stream never leaves "rebalancing" after a rejoin).
 */
export class CommandServer extends ServerKafka {
  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly readiness: CommandConsumerStatus,
  ) {
    super(options);
    this.parser = new BinaryKafkaParser();
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    const consumer = this.consumer!;
    const { events } = consumer;
    const set = (state: CommandConsumerState) => () => {
      this.readiness.state = state;
    };
    consumer.on(events.CONNECT, set('joining'));
    consumer.on(events.GROUP_JOIN, set('running'));
    consumer.on(events.REBALANCING, set('rebalancing'));
    consumer.on(events.STOP, set('stopped'));
    consumer.on(events.CRASH, ({ payload }) => {
      this.readiness.state = payload.restart ? 'restarting' : 'crashed';
    });
  }

  /**
   * Our patterns are topic names, never JSON. The base class tries JSON.parse on every message
   * first, and the exception it throws for a topic name was the largest single cost of a command
   * in the ingest profile (BENCHMARKS.md).
   */
  override getRouteFromPattern(pattern: string): string {
    const first = pattern.charAt(0);
    return first === '{' || first === '['
      ? super.getRouteFromPattern(pattern)
      : this.normalizePattern(pattern);
  }
}
