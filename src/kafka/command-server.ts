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
}
