import { KafkaContext } from '@nestjs/microservices';

/** Keeps the consumer's group session alive while a write is being retried. */
export function heartbeatOf(context: KafkaContext): () => void {
  return () => {
    context
      .getHeartbeat()()
      .catch(() => undefined);
  };
}
