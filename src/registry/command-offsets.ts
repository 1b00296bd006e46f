import { Logger } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';

const logger = new Logger('CommandOffsets');

/**
 * Commits the offset after this command's message, once its effect is in Kafka. A failed commit
 * (a rebalance, say) only means the command is processed again, which is harmless.
 */
export async function commitCommand(context: KafkaContext): Promise<void> {
  const offset = (BigInt(context.getMessage().offset) + 1n).toString();
  try {
    await context
      .getConsumer()
      .commitOffsets([{ topic: context.getTopic(), partition: context.getPartition(), offset }]);
  } catch (error) {
    logger.warn(
      `commit of ${context.getTopic()}[${context.getPartition()}]@${offset} failed, the command may be processed again: ${(error as Error).message}`,
    );
  }
}

/** Keeps the consumer's group session alive while a write is being retried. */
export function heartbeatOf(context: KafkaContext): () => void {
  return () => {
    context
      .getHeartbeat()()
      .catch(() => undefined);
  };
}
