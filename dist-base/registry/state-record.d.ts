import { type Registration } from '../target/registration';
import { TargetPolicy } from '../target/target.policy';
export interface StateRecordValue {
    HOST: string;
    PORT: number;
    PATH: string;
    SCHEME: string;
    LABELS: Record<string, string>;
    EXPIRES_AT: number | null;
    UPDATED_AT: number | null;
}
export declare function encodeStateValue(registration: Registration): Buffer;
export type StateRecord = {
    kind: 'put';
    registration: Registration;
} | {
    kind: 'delete';
    applicationUuid: string;
} | {
    kind: 'denied';
    applicationUuid: string;
    reason: string;
} | {
    kind: 'invalid';
    reason: string;
};
export declare function decodeStateRecord(key: Buffer | null, value: Buffer | null, policy: TargetPolicy): StateRecord;
