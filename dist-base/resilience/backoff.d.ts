export interface BackoffOptions {
    initialMs: number;
    maxMs: number;
    attempts?: number;
    retryIf?: (error: Error) => boolean;
    onRetry?: (error: Error, attempt: number, delayMs: number) => void;
    signal?: AbortSignal;
}
export declare function backoffDelay(attempt: number, initialMs: number, maxMs: number): number;
export declare function retryWithBackoff<T>(work: (attempt: number) => Promise<T>, options: BackoffOptions): Promise<T>;
export declare function sleep(ms: number, signal?: AbortSignal): Promise<void>;
