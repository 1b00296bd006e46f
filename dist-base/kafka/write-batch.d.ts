import type { Message, TopicMessages } from 'kafkajs';
export declare const MAX_BATCH_RECORDS = 1000;
export declare const MAX_BATCH_BYTES: number;
export interface QueuedWrite {
    topic: string;
    messages: Message[];
    bytes: number;
}
export declare function sizeOf(messages: Message[]): number;
export declare function takeBatch<W extends QueuedWrite>(queue: W[], maxRecords?: number, maxBytes?: number): W[];
export declare function topicMessagesOf(batch: readonly QueuedWrite[]): TopicMessages[];
