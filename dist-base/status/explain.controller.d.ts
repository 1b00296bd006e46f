import type { Response } from 'express';
import { RegistryConfig } from '../config/registry.config';
import { RegistryStatus } from '../registry';
import { Explanation } from './explain';
export declare class ExplainController {
    private readonly config;
    private readonly status;
    constructor(config: RegistryConfig, status: RegistryStatus);
    explain(applicationUuid: string, shard: unknown, shards: unknown, res: Response): Promise<Explanation>;
}
