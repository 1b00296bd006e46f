import { ServerKafka } from '@nestjs/microservices';
import { KafkaParser } from '@nestjs/microservices/helpers/kafka-parser';
import type { Consumer } from 'kafkajs';
import type { KafkaOptions } from '@nestjs/microservices';
import type { CommandConsumerState, CommandConsumerStatus } from './command-consumer.status';

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
 * The Nest Kafka transport with three changes:
 * - handlers name a command (`@EventPattern('register')`) and `topics` says which topic carries
 *   it, since topic names are configuration and decorator arguments are fixed at class definition;
 * - the binary parser;
 * - the consumer's own kafkajs events feed the status (Nest's status stream never leaves
 *   "rebalancing" after a rejoin).
 */
export class CommandServer extends ServerKafka {
  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly topics: Readonly<Record<string, string>>,
    private readonly consumerStatus: CommandConsumerStatus,
  ) {
    super(options);
    this.parser = new BinaryKafkaParser();
  }

  /** Re-keys the handlers from command names to their topics before subscribing to them. */
  override async bindEvents(consumer: Consumer): Promise<void> {
    for (const [command, topic] of Object.entries(this.topics)) {
      const handler = this.messageHandlers.get(command);
      if (handler === undefined) continue;
      this.messageHandlers.delete(command);
      this.messageHandlers.set(topic, handler);
    }
    const topics = Object.values(this.topics).map((topic) => ({ topic }));
    this.consumerStatus.pause = () => {
      try {
        consumer.pause(topics);
      } catch {
        // kafkajs refuses while its group is (re)starting, e.g. with Kafka away: nothing is fetched then.
      }
    };
    await super.bindEvents(consumer);
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    const consumer = this.consumer!;
    const { events } = consumer;
    const set = (state: CommandConsumerState) => () => {
      this.consumerStatus.state = state;
    };
    consumer.on(events.CONNECT, set('joining'));
    consumer.on(events.GROUP_JOIN, () => {
      this.consumerStatus.state = 'running';
      this.consumerStatus.joinedAt = Date.now();
    });
    consumer.on(events.REBALANCING, set('rebalancing'));
    consumer.on(events.STOP, set('stopped'));
    consumer.on(events.CRASH, ({ payload }) => {
      this.consumerStatus.state = payload.restart ? 'restarting' : 'crashed';
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
