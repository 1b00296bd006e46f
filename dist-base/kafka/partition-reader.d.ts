import type { KafkaMessage } from 'kafkajs';
import { FetchCluster } from './kafkajs-fetch';
export interface FetchedBatch {
    partition: number;
    messages: KafkaMessage[];
    nextOffset: number;
    highWatermark: number;
}
export interface PartitionReaderOptions {
    topic: string;
    startAt: (partition: number) => number | undefined;
    maxWaitMs: number;
    onBatch: (batch: FetchedBatch) => Promise<void>;
    onFetch?: () => void;
    signal: AbortSignal;
}
export declare function readPartitions(cluster: FetchCluster, options: PartitionReaderOptions): Promise<void>;
