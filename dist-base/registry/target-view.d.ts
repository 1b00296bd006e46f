import type { Registration } from '../target/registration';
export declare class TargetView {
    private readonly byId;
    private sorted;
    private changes;
    private judgedAt;
    private nextExpiry;
    get version(): number;
    get size(): number;
    get(applicationUuid: string): Registration | undefined;
    put(registration: Registration): void;
    delete(applicationUuid: string): void;
    judge(now: number): void;
    all(): readonly Registration[];
    live(now: number): Registration[];
    expired(now: number): Registration[];
    private indexOf;
}
export declare function isExpired(registration: Registration, now: number): boolean;
export declare function sameServedFields(a: Registration, b: Registration): boolean;
