import { HeaderValue } from './record-headers';
export declare const REJECTION_WINDOW: {
    maxAgeMs: number;
    perPartition: number;
};
export interface Rejection {
    at: number;
    partition: number;
    offset: string;
    key: string | null;
    applicationUuids: string[];
    reason: string;
    sourceTopic: string | null;
    sourcePartition: number | null;
    sourceOffset: string | null;
}
export interface DeadLetterMessage {
    key: Buffer | null;
    value: Buffer | null;
    timestamp: string;
    offset: string;
    headers?: Record<string, HeaderValue>;
}
export declare function rejectionOf(partition: number, message: DeadLetterMessage): Rejection;
export declare class RejectionLog {
    private readonly window;
    private readonly partitions;
    constructor(window?: {
        maxAgeMs: number;
        perPartition: number;
    });
    add(rejection: Rejection): void;
    recent(now: number, limit: number): Rejection[];
    last(applicationUuid: string, now: number): Rejection | null;
    countSince(since: number): {
        count: number;
        atLeast: boolean;
    };
}
