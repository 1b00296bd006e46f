import { Counter, Histogram, Registry } from 'prom-client';
export declare class HttpMetrics {
    readonly requests: Counter<'method' | 'route' | 'status'>;
    readonly duration: Histogram<'method' | 'route'>;
    constructor(registry: Registry);
}
