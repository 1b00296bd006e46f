import type { Message, TopicMessages } from 'kafkajs';

/** One produce request carries at most this many records or bytes (brokers accept 1 MiB batches). */
export const MAX_BATCH_RECORDS = 1000;
export const MAX_BATCH_BYTES = 512 * 1024;

export interface QueuedWrite {
  topic: string;
  messages: Message[];
  /** An estimate of the records' size on the wire. */
  bytes: number;
}

export function sizeOf(messages: Message[]): number {
  let bytes = 0;
  for (const m of messages) bytes += (m.value?.length ?? 0) + (m.key?.length ?? 0) + 64;
  return bytes;
}

/**
 * Takes the writes for the next produce request off the front of the queue, in order, within the
 * limits; the first write is always taken, so one larger than the limits still goes (alone).
 */
export function takeBatch<W extends QueuedWrite>(
  queue: W[],
  maxRecords = MAX_BATCH_RECORDS,
  maxBytes = MAX_BATCH_BYTES,
): W[] {
  const batch: W[] = [];
  let records = 0;
  let bytes = 0;
  while (queue.length > 0) {
    const next = queue[0];
    const fits = records + next.messages.length <= maxRecords && bytes + next.bytes <= maxBytes;
    if (batch.length > 0 && !fits) break;
    batch.push(queue.shift()!);
    records += next.messages.length;
    bytes += next.bytes;
  }
  return batch;
}

/** The batch as one sendBatch request: each topic once, its records in the order written. */
export function topicMessagesOf(batch: readonly QueuedWrite[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const write of batch) {
    const messages = byTopic.get(write.topic) ?? [];
    messages.push(...write.messages);
    byTopic.set(write.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
