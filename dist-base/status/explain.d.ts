import type { Rejection, RegistrySnapshot, Removal } from '../registry';
import type { Registration } from '../target/registration';
export type ExplainCause = 'served' | 'held-by-brake' | 'other-shard' | 'expired' | 'deregistered' | 'denied' | 'deleted' | 'rejected' | 'never-seen';
export interface ExplainRegistration {
    host: string;
    port: number;
    path: string;
    scheme: string;
    labels: Record<string, string>;
    expiresAt: string | null;
    updatedAt: string | null;
    ttlSeconds: number | null;
}
export interface ExplainRemoval {
    at: string;
    cause: Removal['cause'];
    expiresAt: string | null;
    ttlSeconds: number | null;
    reason: string | null;
}
export interface ExplainRejection {
    at: string;
    reason: string;
    key: string | null;
    dlq: {
        partition: number;
        offset: string;
    };
    source: {
        topic: string | null;
        partition: number | null;
        offset: string | null;
    };
}
export interface Explanation {
    applicationUuid: string;
    served: boolean;
    cause: ExplainCause;
    summary: string;
    registration: ExplainRegistration | null;
    removal: ExplainRemoval | null;
    rejection: ExplainRejection | null;
    shard: {
        asked: number;
        shards: number;
        actual: number;
    } | null;
    rejectionsComplete: boolean;
    checkedAt: string;
}
export interface ExplainInput {
    applicationUuid: string;
    snapshot: RegistrySnapshot;
    registration: Registration | undefined;
    removal: Removal | null;
    rejection: Rejection | null;
    shard: {
        asked: number;
        shards: number;
        actual: number;
    } | null;
    leaseSlack: number;
}
export declare function explain(input: ExplainInput): Explanation;
