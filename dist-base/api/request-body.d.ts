import type { ErrorRequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';
export declare const REQUEST_BODY_LIMIT: number;
declare function rejectInvalidUtf8(_req: IncomingMessage, _res: unknown, body: Buffer): void;
export declare const JSON_BODY_OPTIONS: {
    limit: number;
    inflate: boolean;
    strict: boolean;
    verify: typeof rejectInvalidUtf8;
};
export declare function requestBodyErrors(): ErrorRequestHandler;
export {};
