import { ServerKafka } from '@nestjs/microservices';
import { KafkaParser } from '@nestjs/microservices/helpers/kafka-parser';
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

/** The Nest Kafka transport with the binary parser. */
export class CommandServer extends ServerKafka {
  constructor(options: Required<KafkaOptions>['options']) {
    super(options);
    this.parser = new BinaryKafkaParser();
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
