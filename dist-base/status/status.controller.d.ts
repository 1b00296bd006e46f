import type { Response } from 'express';
import { RegistryConfig } from '../config/registry.config';
import { RegistryStatus } from '../registry';
export declare class StatusController {
    private readonly config;
    private readonly status;
    constructor(config: RegistryConfig, status: RegistryStatus);
    page(query: Record<string, unknown>, res: Response): Promise<void>;
}
