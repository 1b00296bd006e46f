import type { Kafka, KafkaMessage } from 'kafkajs';
import { Codec, FetchResponse } from './fetch-response';
export interface PartitionFetch {
    partition: number;
    fetchOffset: string;
    maxBytes: number;
}
export interface FetchArgs {
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    isolationLevel: number;
    topics: [{
        topic: string;
        partitions: PartitionFetch[];
    }];
}
export interface FetchBroker {
    fetch(args: FetchArgs): Promise<Pick<FetchResponse, 'responses'>>;
}
export interface FetchCluster {
    connect(): Promise<void>;
    disconnect(): Promise<void>;
    addTargetTopic(topic: string): Promise<void>;
    refreshMetadata(): Promise<void>;
    findTopicPartitionMetadata(topic: string): {
        partitionId: number;
        leader: number;
    }[];
    findBroker(args: {
        nodeId: string;
    }): Promise<FetchBroker>;
    fetchTopicsOffset(topics: {
        topic: string;
        partitions: {
            partition: number;
        }[];
        fromBeginning: boolean;
    }[]): Promise<{
        topic: string;
        partitions: {
            partition: number;
            offset: string;
        }[];
    }[]>;
}
export declare const READ_COMMITTED = 1;
interface KafkajsPartition {
    partition: number;
    errorCode?: number;
    highWatermark: string;
    abortedTransactions: unknown[];
    messages: KafkaMessage[];
}
export interface ProtocolRequest {
    request: {
        apiKey?: number;
        apiVersion: number;
        apiName?: string;
        encode?(): Promise<unknown>;
    };
    response: {
        decode(raw: Buffer): Promise<unknown>;
        parse(data: unknown): Promise<unknown>;
    };
    requestTimeout?: number;
}
interface KafkajsBroker {
    lookupRequest(apiKey: number, definition: unknown): (args: FetchArgs) => ProtocolRequest;
    fetch(args: FetchArgs): Promise<{
        responses: {
            partitions: KafkajsPartition[];
        }[];
    }>;
}
export type KafkajsCluster = Omit<FetchCluster, 'findBroker'> & {
    findBroker(args: {
        nodeId: string;
    }): Promise<KafkajsBroker>;
};
interface Internals {
    fetchRequests: unknown;
    parseFetch(data: unknown): Promise<unknown>;
    codecOf(attributes: number): Codec | null;
    errorOf(code: number): Error;
    decodeMessageSet(bytes: Buffer): Promise<KafkaMessage[]>;
    Batch: new (topic: string, fetchedOffset: string, data: KafkajsPartition) => {
        messages: KafkaMessage[];
        lastOffset(): string;
    };
}
export declare function kafkajsInternals(): Internals;
export declare function sendRequestOf(broker: object): ((this: object, request: ProtocolRequest) => Promise<unknown>) | undefined;
export declare function kafkajsClusterOf(kafka: Kafka): KafkajsCluster;
export declare function clusterOf(kafka: Kafka): FetchCluster;
export declare function fetcherOf(broker: KafkajsBroker): FetchBroker;
export {};
