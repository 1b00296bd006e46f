export declare const LEASE_CLOCK_GRACE_MS = 2000;
export declare class LeaseClock {
    private lastInSyncAt;
    private lease;
    private accountedTo;
    private heldAt;
    markInSync(now: number): void;
    inSync(now: number): boolean;
    read(now: number): number;
    hold(at: number): void;
    release(now: number): void;
    private advance;
}
