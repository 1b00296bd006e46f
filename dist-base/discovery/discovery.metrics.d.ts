import { Counter, Registry } from 'prom-client';
export declare class DiscoveryMetrics {
    readonly requests: Counter<'code'>;
    constructor(registry: Registry);
}
