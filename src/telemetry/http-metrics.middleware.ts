import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { HttpMetrics } from './http.metrics';

/** The route label of requests no route matched (404s, scanners): one series, not one per URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The route pattern that served the request (`/api/v1/targets/:applicationUuid`), never the raw URL. */
export function routeLabel(req: Request): string {
  const path: unknown = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : UNMATCHED_ROUTE;
}

/**
 * Counts and times every HTTP request. Measured when the response finishes, not in an interceptor,
 * because handlers that write the response themselves (@Res(), the SD endpoint) bypass interceptors'
 * view of the status, and because express knows the matched route only after routing.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: HttpMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const method = req.method;
      const route = routeLabel(req);
      this.metrics.requests.inc({ method, route, status: String(res.statusCode) });
      this.metrics.duration.observe({ method, route }, seconds);
    });
    next();
  }
}
