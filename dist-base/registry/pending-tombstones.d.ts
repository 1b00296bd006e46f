import type { Registration } from '../target/registration';
export declare class PendingTombstones {
    private readonly pending;
    due(expired: readonly Registration[]): Registration[];
    settle(current: (applicationUuid: string) => Registration | undefined): void;
    get size(): number;
}
