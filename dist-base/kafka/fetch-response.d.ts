import type { KafkaMessage } from 'kafkajs';
export interface FetchedRecords {
    partition: number;
    errorCode: number;
    highWatermark: number;
    messages: KafkaMessage[];
    nextOffset: number | null;
    legacy?: Buffer;
}
export interface FetchResponse {
    clientSideThrottleTime: number;
    errorCode: number;
    responses: {
        topicName: string;
        partitions: FetchedRecords[];
    }[];
}
export interface Codec {
    decompress(buffer: Buffer): Promise<Buffer>;
}
export declare function decodeFetchResponse(raw: Buffer, fetchOffsets: ReadonlyMap<number, number>, codecOf: (attributes: number) => Codec | null): Promise<FetchResponse>;
