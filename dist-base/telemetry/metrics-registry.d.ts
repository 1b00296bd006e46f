import { Registry } from 'prom-client';
export declare function createMetricsRegistry(): Registry;
