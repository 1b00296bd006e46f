import type { Registration } from '../target/registration';
export declare const RECENT_WRITE_MS = 30000;
export interface LeaseRequest {
    registration: Registration;
    requestedUntil: number | null;
}
export declare class RenewalCoalescer {
    private readonly windowMs;
    private readonly recent;
    constructor(windowMs?: number);
    covering(request: LeaseRequest, viewed: Registration | undefined, now: number, viewTrusted: boolean): Registration | null;
    wrote(applicationUuid: string, value: Registration | null, now: number): void;
    get remembered(): number;
    private prune;
}
