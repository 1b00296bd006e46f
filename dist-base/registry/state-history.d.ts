import type { StateRecord } from './state-record';
import { HeaderValue } from './record-headers';
export declare const REMOVED_BY_HEADER = "x-removed-by";
export declare const LEASE_EXPIRES_AT_HEADER = "x-lease-expires-at";
export declare const LEASE_TTL_HEADER = "x-lease-ttl-seconds";
export declare const REMOVAL_WINDOW: {
    maxAgeMs: number;
    maxRemovals: number;
};
export type RemovalCause = 'deregistered' | 'expired' | 'denied' | 'deleted';
export interface Removal {
    applicationUuid: string;
    at: number;
    cause: RemovalCause;
    expiresAt: number | null;
    ttlSeconds: number | null;
    reason: string | null;
}
export declare function deregisterHeaders(): Record<string, string>;
export declare function ttlSecondsOf(registration: {
    expiresAt: number | null;
    updatedAt: number | null;
}, leaseSlack: number): number | null;
export declare function expiryHeaders(registration: {
    expiresAt: number | null;
    updatedAt: number | null;
}, leaseSlack: number): Record<string, string>;
export declare function removalOf(applicationUuid: string, headers: Record<string, HeaderValue> | undefined, at: number): Removal;
export declare class StateHistory {
    private readonly window;
    private readonly removals;
    private readonly writesByMinute;
    constructor(window?: {
        maxAgeMs: number;
        maxRemovals: number;
    });
    observe(record: StateRecord, headers: Record<string, HeaderValue> | undefined, timestamp: number): void;
    removal(applicationUuid: string, now: number): Removal | null;
    writesPerMinute(now: number, minutes?: number): number;
    private remember;
    private countWrite;
}
