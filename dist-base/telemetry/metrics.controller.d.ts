import type { Response } from 'express';
import { Registry } from 'prom-client';
export declare class MetricsController {
    private readonly registry;
    constructor(registry: Registry);
    metrics(res: Response): Promise<void>;
}
