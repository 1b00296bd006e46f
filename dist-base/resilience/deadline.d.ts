export declare class DeadlineError extends Error {
    constructor(message: string);
}
export declare function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T>;
export declare function settledWithin(work: Promise<unknown>, ms: number): Promise<boolean>;
