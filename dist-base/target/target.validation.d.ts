import { Target } from './target';
export type Validated<T> = {
    ok: true;
    value: T;
} | {
    ok: false;
    error: string;
};
export declare class InvalidTargetError extends Error {
    constructor(message: string);
}
export declare const MAX_NESTING = 8;
export declare function validateTarget(input: unknown): Validated<Target>;
export declare function validateTargetFor(applicationUuid: string, body: unknown): Validated<Target>;
export declare function validateDeregister(input: unknown): Validated<{
    applicationUuid: string;
}>;
export declare function keyProblem(key: Buffer | null | undefined, applicationUuid: string): string | null;
export declare function utf8Problem(bytes: Buffer, whole?: string): string | null;
export declare function parseCommandValue(value: Buffer | null | undefined): Validated<unknown>;
