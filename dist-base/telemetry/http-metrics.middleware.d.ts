import { NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { HttpMetrics } from './http.metrics';
export declare const UNMATCHED_ROUTE = "unmatched";
export declare function routeLabel(req: Request): string;
export declare class HttpMetricsMiddleware implements NestMiddleware {
    private readonly metrics;
    constructor(metrics: HttpMetrics);
    use(req: Request, res: Response, next: NextFunction): void;
}
