import type { Response } from 'express';
import { RegistryConfig } from '../config/registry.config';
import { StateTopicReader, TargetView } from '../registry';
import { DiscoveryMetrics } from './discovery.metrics';
export declare class DiscoveryController {
    private readonly reader;
    private readonly metrics;
    private readonly cache;
    private readonly credentials;
    constructor(config: RegistryConfig, view: TargetView, reader: StateTopicReader, metrics: DiscoveryMetrics);
    targets(shard: unknown, shards: unknown, authorization: string | undefined, ifNoneMatch: string | undefined, res: Response): void;
    otherMethods(res: Response): void;
    private error;
}
